// Registers an identity of one kind (POST /api/v1/{plural}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { IdentityKind } from "@/lib/identities/kinds";
import type { RegisterInput, TIdentity } from "@/lib/identities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateIdentities } from "@/lib/query/identities/invalidate";
import { identityCollectionPath } from "@/lib/query/identities/paths";

export function useRegisterIdentity<K extends IdentityKind>(kind: K) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterInput<K>) => apiFetch<TIdentity>(identityCollectionPath(kind), { method: "POST", body: input }),
    onSuccess: (identity) => invalidateIdentities(queryClient, identity),
  });
}
