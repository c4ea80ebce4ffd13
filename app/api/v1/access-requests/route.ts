// GET /api/v1/access-requests — the request inbox; POST — ask for tools for an agent
import { handle } from "@/lib/api/handle";
import { createAccessRequestContract, listAccessRequestsContract } from "@/lib/api/contracts/access-requests";
import { createAccessRequest } from "@/lib/access-requests/create-access-request";
import { listAccessRequests } from "@/lib/access-requests/list-access-requests";

export const GET = handle(listAccessRequestsContract, ({ actor, query }) => listAccessRequests({ actor, query }));
export const POST = handle(createAccessRequestContract, ({ actor, body, context }) => createAccessRequest({ actor, input: body, context }));
