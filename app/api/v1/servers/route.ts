// GET /api/v1/servers — list MCP servers; POST — register one
import { handle } from "@/lib/api/handle";
import { listServersContract, registerServerContract } from "@/lib/api/contracts/identities";
import { listIdentities } from "@/lib/identities/list-identities";
import { registerIdentity } from "@/lib/identities/register-identity";

export const GET = handle(listServersContract, ({ actor, query }) => listIdentities({ actor, kind: "server", query }));
export const POST = handle(registerServerContract, ({ actor, body, context }) => registerIdentity({ actor, kind: "server", input: body, context }));
