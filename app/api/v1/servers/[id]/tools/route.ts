// GET /api/v1/servers/{id}/tools — the server's tool catalog
import { handle } from "@/lib/api/handle";
import { listToolsContract } from "@/lib/api/contracts/catalog";
import { listTools } from "@/lib/catalog/list-catalog";

export const GET = handle(listToolsContract, ({ actor, params, query }) => listTools({ actor, serverId: params.id, includeRemoved: query.includeRemoved === "true" }));
