// A campaign's progress (GET /api/v1/campaigns/{id}/stats): the dashboard's
// numbers, refreshed every 30 seconds while the campaign runs; `totals` is the
// cheap view a list row needs.
import { useQuery } from "@tanstack/react-query";
import type { TCampaignStats } from "@/lib/campaigns/stats-schema";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { campaignKeys } from "@/lib/query/campaigns/keys";

export function useCampaignStats(id: string, options: { view?: "full" | "totals"; enabled?: boolean; live?: boolean } = {}) {
  const view = options.view ?? "full";
  return useQuery({
    queryKey: campaignKeys.stats(id, view),
    queryFn: ({ signal }) => apiFetch<TCampaignStats>(`/api/v1/campaigns/${encodeURIComponent(id)}/stats${queryString({ view })}`, { signal }),
    enabled: options.enabled ?? true,
    refetchInterval: options.live ? 30_000 : false,
  });
}
