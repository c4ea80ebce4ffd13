// GET /api/v1/grants — list grants; POST — grant an agent tool scopes on a server
import { handle } from "@/lib/api/handle";
import { createGrantContract, listGrantsContract } from "@/lib/api/contracts/grants";
import { createGrant } from "@/lib/grants/create-grant";
import { listGrants } from "@/lib/grants/list-grants";

export const GET = handle(listGrantsContract, ({ actor, query }) => listGrants({ actor, query }));
export const POST = handle(createGrantContract, ({ actor, body, context }) => createGrant({ actor, input: body, context }));
