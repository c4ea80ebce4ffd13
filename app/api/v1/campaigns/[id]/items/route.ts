// GET /api/v1/campaigns/{id}/items — a campaign's items
import { listCampaignItemsContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { listCampaignItems } from "@/lib/campaigns/list-items";

export const GET = handle(listCampaignItemsContract, ({ actor, params, query }) => listCampaignItems({ actor, campaignId: params.id, query }));
