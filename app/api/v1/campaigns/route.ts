// GET /api/v1/campaigns — list; POST — define a draft (admins)
import { createCampaignContract, listCampaignsContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { listCampaigns } from "@/lib/campaigns/get-campaign";

export const GET = handle(listCampaignsContract, ({ actor, query }) => listCampaigns({ actor, query }));
export const POST = handle(createCampaignContract, ({ actor, body, context }) => createCampaign({ actor, input: body, context }));
