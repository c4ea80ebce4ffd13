// GET /api/v1/access-requests/{id} — one access request
import { handle } from "@/lib/api/handle";
import { getAccessRequestContract } from "@/lib/api/contracts/access-requests";
import { getAccessRequest } from "@/lib/access-requests/get-access-request";

export const GET = handle(getAccessRequestContract, ({ actor, params }) => getAccessRequest({ actor, requestId: params.id }));
