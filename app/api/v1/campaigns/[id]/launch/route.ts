// POST /api/v1/campaigns/{id}/launch — launch a draft (admins)
import { launchCampaignContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";

export const POST = handle(launchCampaignContract, ({ actor, params, context }) => launchCampaign({ actor, campaignId: params.id, context }));
