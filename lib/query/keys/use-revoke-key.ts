// Revokes a key at once (POST /api/v1/identities/{id}/keys/{keyId}/revoke).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TKey, TRevokeKeyInput } from "@/lib/identities/keys/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateKeys, keysPath } from "@/lib/query/keys/invalidate";

export function useRevokeKey(identityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ keyId, input }: { keyId: string; input: TRevokeKeyInput }) =>
      apiFetch<TKey>(keysPath(identityId, `/${encodeURIComponent(keyId)}/revoke`), { method: "POST", body: input }),
    onSuccess: () => invalidateKeys(queryClient, identityId),
  });
}
