// GET /api/v1/servers — list MCP servers; POST — register one
import { handle } from "@/lib/api/handle";
import { listServersContract, registerServerContract } from "@/lib/api/contracts/servers";
import { listServers } from "@/lib/identities/servers/list-servers";
import { registerServer } from "@/lib/identities/servers/register-server";

export const GET = handle(listServersContract, ({ actor, query }) => listServers({ actor, query }));
export const POST = handle(registerServerContract, ({ actor, body, context }) => registerServer({ actor, input: body, context }));
