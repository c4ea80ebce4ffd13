// One page of campaigns, newest first (GET /api/v1/campaigns).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TCampaign } from "@/lib/campaigns/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { campaignKeys, type CampaignListParams } from "@/lib/query/campaigns/keys";

export function useCampaigns(params: CampaignListParams) {
  return useQuery({
    queryKey: campaignKeys.list(params),
    queryFn: ({ signal }) => apiFetch<{ items: TCampaign[]; nextCursor: string | null }>(`/api/v1/campaigns${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
