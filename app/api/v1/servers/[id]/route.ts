// GET /api/v1/servers/{id} — one MCP server
import { handle } from "@/lib/api/handle";
import { getServerContract } from "@/lib/api/contracts/servers";
import { getServer } from "@/lib/identities/servers/get-server";

export const GET = handle(getServerContract, ({ actor, params }) => getServer({ actor, serverId: params.id }));
