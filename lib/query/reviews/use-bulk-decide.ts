// Certify or revoke many of my review items at once (POST /api/v1/me/reviews/decisions).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TBulkDecideInput, TBulkDecideResult } from "@/lib/campaigns/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { grantKeys } from "@/lib/query/grants/keys";
import { reviewKeys } from "@/lib/query/reviews/keys";

export function useBulkDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TBulkDecideInput) => apiFetch<TBulkDecideResult>("/api/v1/me/reviews/decisions", { method: "POST", body: input }),
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: reviewKeys.all }), queryClient.invalidateQueries({ queryKey: grantKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
