// POST /api/v1/servers/{id}/tools/review — approve or reclassify tools
import { handle } from "@/lib/api/handle";
import { reviewToolsContract } from "@/lib/api/contracts/catalog";
import { reviewTools } from "@/lib/catalog/review-tools";

export const POST = handle(reviewToolsContract, ({ actor, params, body, context }) => reviewTools({ actor, serverId: params.id, input: body, context }));
