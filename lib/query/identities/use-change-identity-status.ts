// Lifecycle changes: approve, suspend, resume, revoke (POST /api/v1/identities/{id}/{change}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TIdentity } from "@/lib/identities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateIdentities } from "@/lib/query/identities/invalidate";
import { identityActionPath } from "@/lib/query/identities/paths";
import { keyKeys } from "@/lib/query/keys/keys";

export type StatusChange = "approve" | "suspend" | "resume" | "revoke";

export function useChangeIdentityStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change, reason }: { id: string; change: StatusChange; reason?: string }) =>
      apiFetch<TIdentity>(identityActionPath(id, change), { method: "POST", body: reason ? { reason } : {} }),
    onSuccess: async (identity, { change }) => {
      // revoking an identity revokes its keys too
      await Promise.all([invalidateIdentities(queryClient, identity), change === "revoke" ? queryClient.invalidateQueries({ queryKey: keyKeys.list(identity.id) }) : null]);
    },
  });
}
