// Closes a running campaign early, with a reason (POST /api/v1/campaigns/{id}/close).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCampaign } from "@/lib/campaigns/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { campaignKeys } from "@/lib/query/campaigns/keys";
import { invalidateCampaigns } from "@/lib/query/campaigns/invalidate";

export function useCloseCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => apiFetch<TCampaign>(`/api/v1/campaigns/${encodeURIComponent(id)}/close`, { method: "POST", body: { reason } }),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.detail(campaign.id), campaign);
      return invalidateCampaigns(queryClient);
    },
  });
}
