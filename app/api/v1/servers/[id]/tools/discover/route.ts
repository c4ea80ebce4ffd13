// POST /api/v1/servers/{id}/tools/discover — discover the server's tools live and propose them
import { handle } from "@/lib/api/handle";
import { discoverToolsContract } from "@/lib/api/contracts/catalog";
import { discoverCatalog } from "@/lib/catalog/discover-catalog";

export const POST = handle(discoverToolsContract, ({ actor, params, body, context }) => discoverCatalog({ actor, serverId: params.id, input: body, context }));
