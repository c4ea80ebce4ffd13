// One page of a campaign's items (GET /api/v1/campaigns/{id}/items).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TReviewItem } from "@/lib/campaigns/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { campaignKeys, type CampaignItemParams } from "@/lib/query/campaigns/keys";

export function useCampaignItems(id: string, params: CampaignItemParams) {
  return useQuery({
    queryKey: campaignKeys.items(id, params),
    queryFn: ({ signal }) => apiFetch<{ items: TReviewItem[]; nextCursor: string | null }>(`/api/v1/campaigns/${encodeURIComponent(id)}/items${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
