// POST /api/v1/me/reviews/decisions — certify or revoke many of my items at once
import { bulkDecideContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { bulkDecide } from "@/lib/campaigns/bulk-decide";

export const POST = handle(bulkDecideContract, ({ actor, body, context }) => bulkDecide({ actor, input: body, context }));
