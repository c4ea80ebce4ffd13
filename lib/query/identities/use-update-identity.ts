// Changes an identity's registration (PATCH /api/v1/{plural}/{id}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { IdentityKind } from "@/lib/identities/kinds";
import type { TIdentity, UpdateInput } from "@/lib/identities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateIdentities } from "@/lib/query/identities/invalidate";
import { identityPath } from "@/lib/query/identities/paths";

export function useUpdateIdentity<K extends IdentityKind>(kind: K) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateInput<K> }) => apiFetch<TIdentity>(identityPath(kind, id), { method: "PATCH", body: input }),
    onSuccess: (identity) => invalidateIdentities(queryClient, identity),
  });
}
