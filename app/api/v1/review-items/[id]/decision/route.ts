// POST /api/v1/review-items/{id}/decision — certify, revoke or reassign
import { decideItemContract } from "@/lib/api/contracts/campaigns";
import { handle } from "@/lib/api/handle";
import { decideItem } from "@/lib/campaigns/decide-item";

export const POST = handle(decideItemContract, ({ actor, params, body, context }) => decideItem({ actor, itemId: params.id, input: body, context }));
