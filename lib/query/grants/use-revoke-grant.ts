// Revokes a grant with a reason (POST /api/v1/grants/{id}/revoke).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TGrant } from "@/lib/grants/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateGrants } from "@/lib/query/grants/invalidate";

export function useRevokeGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ grantId, reason }: { grantId: string; reason: string }) => apiFetch<TGrant>(`/api/v1/grants/${encodeURIComponent(grantId)}/revoke`, { method: "POST", body: { reason } }),
    onSuccess: (grant) => invalidateGrants(queryClient, grant.server.id),
  });
}
