// What launching a draft now would generate, per reviewer (GET /api/v1/campaigns/{id}/preview).
import { useQuery } from "@tanstack/react-query";
import type { TCampaignPreview } from "@/lib/campaigns/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { campaignKeys } from "@/lib/query/campaigns/keys";

export function useCampaignPreview(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: campaignKeys.preview(id),
    queryFn: ({ signal }) => apiFetch<TCampaignPreview>(`/api/v1/campaigns/${encodeURIComponent(id)}/preview`, { signal }),
    enabled: options.enabled ?? true,
  });
}
