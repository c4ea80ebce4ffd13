// One campaign (GET /api/v1/campaigns/{id}); the page seeds it with what the
// server rendered. While its items are generated it is polled every second, so
// the progress bar moves and the dashboard appears once it is active.
import { useQuery } from "@tanstack/react-query";
import type { TCampaign } from "@/lib/campaigns/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { campaignKeys } from "@/lib/query/campaigns/keys";

export function useCampaign(id: string, options: { initialData?: TCampaign } = {}) {
  return useQuery({
    queryKey: campaignKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<TCampaign>(`/api/v1/campaigns/${encodeURIComponent(id)}`, { signal }),
    initialData: options.initialData,
    staleTime: options.initialData ? 30_000 : 0,
    refetchInterval: (query) => (query.state.data?.status === "generating" ? 1000 : false),
  });
}
