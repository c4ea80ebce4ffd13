// POST /api/v1/access-requests/{id}/decision — approve or deny the next step
import { handle } from "@/lib/api/handle";
import { decideAccessRequestContract } from "@/lib/api/contracts/access-requests";
import { decideAccessRequest } from "@/lib/access-requests/decide-access-request";

export const POST = handle(decideAccessRequestContract, ({ actor, params, body, context }) => decideAccessRequest({ actor, requestId: params.id, input: body, context }));
