// Certify, revoke or reassign one review item (POST /api/v1/review-items/{id}/decision);
// a revocation changes grants and identities, so those lists refresh too.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCampaignItem, TDecideItemInput } from "@/lib/campaigns/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { grantKeys } from "@/lib/query/grants/keys";
import { reviewKeys } from "@/lib/query/reviews/keys";

export function useDecideItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, input }: { itemId: string; input: TDecideItemInput }) => apiFetch<TCampaignItem>(`/api/v1/review-items/${itemId}/decision`, { method: "POST", body: input }),
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: reviewKeys.all }), queryClient.invalidateQueries({ queryKey: grantKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
