// GET /api/v1/campaigns/{id} — one campaign; PATCH — change a draft (admins)
import { getCampaignContract, updateCampaignContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { updateCampaign } from "@/lib/campaigns/update-campaign";

export const GET = handle(getCampaignContract, ({ actor, params }) => getCampaign({ actor, campaignId: params.id }));
export const PATCH = handle(updateCampaignContract, ({ actor, params, body, context }) => updateCampaign({ actor, campaignId: params.id, input: body, context }));
