// Defines a campaign as a draft (POST /api/v1/campaigns).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCampaign, TCreateCampaignInput } from "@/lib/campaigns/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateCampaigns } from "@/lib/query/campaigns/invalidate";

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateCampaignInput) => apiFetch<TCampaign>("/api/v1/campaigns", { method: "POST", body: input }),
    onSuccess: () => invalidateCampaigns(queryClient),
  });
}
