// Contract: a recertification campaign's progress for the dashboard (docs/campaigns.md).
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { ZCampaignStats, ZCampaignStatsQuery } from "@/lib/campaigns/stats-schema";

export const getCampaignStatsContract = defineContract({
  operationId: "getCampaignStats",
  method: "GET",
  path: "/api/v1/campaigns/{id}/stats",
  tag: "Campaigns",
  summary: "A campaign's progress: items by status and by reviewer, overdue items and the burn-down",
  permission: "campaigns:read",
  params: z.object({ id: z.string().regex(/^cmp_[0-9a-z]{26}$/, "not a campaign id (cmp_…)") }),
  query: ZCampaignStatsQuery,
  errors: ["not_found"],
  response: { status: 200, description: "The campaign's numbers", schema: ZCampaignStats },
});
