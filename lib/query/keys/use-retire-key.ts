// Retires a key: it stays published for the overlap, then stops (POST /api/v1/identities/{id}/keys/{keyId}/retire).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TKey, TRetireKeyInput } from "@/lib/identities/keys/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateKeys, keysPath } from "@/lib/query/keys/invalidate";

export function useRetireKey(identityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ keyId, input }: { keyId: string; input: TRetireKeyInput }) =>
      apiFetch<TKey>(keysPath(identityId, `/${encodeURIComponent(keyId)}/retire`), { method: "POST", body: input }),
    onSuccess: () => invalidateKeys(queryClient, identityId),
  });
}
