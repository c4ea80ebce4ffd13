// GET /api/v1/campaigns/{id}/preview — items per reviewer if launched now
import { previewCampaignContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { previewCampaign } from "@/lib/campaigns/preview-campaign";

export const GET = handle(previewCampaignContract, ({ actor, params }) => previewCampaign({ actor, campaignId: params.id }));
