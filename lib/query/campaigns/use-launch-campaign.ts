// Launches a draft (POST /api/v1/campaigns/{id}/launch): it answers at once,
// generating; the campaign query then polls the progress.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCampaign } from "@/lib/campaigns/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { campaignKeys } from "@/lib/query/campaigns/keys";
import { invalidateCampaigns } from "@/lib/query/campaigns/invalidate";

export function useLaunchCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TCampaign>(`/api/v1/campaigns/${encodeURIComponent(id)}/launch`, { method: "POST" }),
    onSuccess: (campaign) => {
      queryClient.setQueryData(campaignKeys.detail(campaign.id), campaign);
      return invalidateCampaigns(queryClient);
    },
  });
}
