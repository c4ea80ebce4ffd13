// GET /api/v1/resources — list downstream resources; POST — register one
import { handle } from "@/lib/api/handle";
import { listResourcesContract, registerResourceContract } from "@/lib/api/contracts/identities";
import { listIdentities } from "@/lib/identities/list-identities";
import { registerIdentity } from "@/lib/identities/register-identity";

export const GET = handle(listResourcesContract, ({ actor, query }) => listIdentities({ actor, kind: "resource", query }));
export const POST = handle(registerResourceContract, ({ actor, body, context }) => registerIdentity({ actor, kind: "resource", input: body, context }));
