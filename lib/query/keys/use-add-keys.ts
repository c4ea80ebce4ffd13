// Adds public keys to an identity, with optional proofs of possession (POST /api/v1/identities/{id}/keys).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAddKeysInput, TKey } from "@/lib/identities/keys/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateKeys, keysPath } from "@/lib/query/keys/invalidate";

export function useAddKeys(identityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TAddKeysInput) => apiFetch<{ items: TKey[] }>(keysPath(identityId), { method: "POST", body: input }),
    onSuccess: () => invalidateKeys(queryClient, identityId),
  });
}
