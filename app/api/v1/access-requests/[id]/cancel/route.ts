// POST /api/v1/access-requests/{id}/cancel — the requester withdraws a pending request
import { handle } from "@/lib/api/handle";
import { cancelAccessRequestContract } from "@/lib/api/contracts/access-requests";
import { cancelAccessRequest } from "@/lib/access-requests/cancel-access-request";

export const POST = handle(cancelAccessRequestContract, ({ actor, params, body, context }) => cancelAccessRequest({ actor, requestId: params.id, input: body, context }));
