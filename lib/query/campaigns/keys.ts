// react-query keys for recertification campaigns (the admin console's views).
import type { CAMPAIGN_STATUSES } from "@/lib/campaigns/schemas";

export type CampaignListParams = { status?: (typeof CAMPAIGN_STATUSES)[number]; cursor?: string; limit?: number };
export type CampaignItemParams = { status?: "open" | "decided" | "all"; cursor?: string; limit?: number };

export const campaignKeys = {
  all: ["campaigns"] as const,
  lists: () => [...campaignKeys.all, "list"] as const,
  list: (params: CampaignListParams) => [...campaignKeys.lists(), params] as const,
  detail: (id: string) => [...campaignKeys.all, "detail", id] as const,
  preview: (id: string) => [...campaignKeys.all, "preview", id] as const,
  stats: (id: string, view: "full" | "totals") => [...campaignKeys.all, "stats", id, view] as const,
  items: (id: string, params: CampaignItemParams) => [...campaignKeys.all, "items", id, params] as const,
};
