// Revokes an exchange policy with a reason (POST /api/v1/exchange-policies/{id}/revoke).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TExchangePolicy } from "@/lib/exchange/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateExchangePolicies } from "@/lib/query/grants/invalidate";

export function useRevokeExchangePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ policyId, reason }: { policyId: string; reason: string }) =>
      apiFetch<TExchangePolicy>(`/api/v1/exchange-policies/${encodeURIComponent(policyId)}/revoke`, { method: "POST", body: { reason } }),
    onSuccess: () => invalidateExchangePolicies(queryClient),
  });
}
