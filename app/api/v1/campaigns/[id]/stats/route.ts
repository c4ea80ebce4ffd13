// GET /api/v1/campaigns/{id}/stats — a campaign's progress for the dashboard
import { getCampaignStatsContract } from "@/lib/api/contracts/campaign-stats";
import { handle } from "@/lib/api/handle";
import { campaignStats } from "@/lib/campaigns/campaign-stats";

export const GET = handle(getCampaignStatsContract, ({ actor, params, query }) => campaignStats({ actor, campaignId: params.id, view: query.view }));
