// POST /api/v1/campaigns/{id}/close — close a running campaign early (admins)
import { closeCampaignContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { closeCampaign } from "@/lib/campaigns/close-campaign";

export const POST = handle(closeCampaignContract, ({ actor, params, body, context }) => closeCampaign({ actor, campaignId: params.id, input: body, context }));
