// GET /api/v1/grants — list grants; POST — grant an agent tool scopes on a server (201), or open an access request that waits for a second admin (202)
import { presentRequestById } from "@/lib/access-requests/present";
import { ZAccessRequest } from "@/lib/access-requests/schemas";
import { handle } from "@/lib/api/handle";
import { createGrantContract, listGrantsContract } from "@/lib/api/contracts/grants";
import { db } from "@/lib/db/client";
import { grantOrRequest } from "@/lib/grants/create-grant";
import { listGrants } from "@/lib/grants/list-grants";

export const GET = handle(listGrantsContract, ({ actor, query }) => listGrants({ actor, query }));
export const POST = handle(createGrantContract, async ({ actor, body, context }) => {
  const outcome = await grantOrRequest({ actor, input: body, context });
  if (outcome.grant) return outcome.grant;
  const request = ZAccessRequest.parse(await presentRequestById(db(), outcome.requestId, actor));
  return new Response(JSON.stringify(request), {
    status: 202,
    headers: { "content-type": "application/json", "cache-control": "no-store", "x-request-id": context.requestId, location: `/api/v1/access-requests/${request.id}` },
  });
});
