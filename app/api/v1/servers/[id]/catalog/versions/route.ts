// GET /api/v1/servers/{id}/catalog/versions — the catalog's history
import { handle } from "@/lib/api/handle";
import { listCatalogVersionsContract } from "@/lib/api/contracts/catalog";
import { listCatalogVersions } from "@/lib/catalog/list-catalog";

export const GET = handle(listCatalogVersionsContract, ({ actor, params, query }) => listCatalogVersions({ actor, serverId: params.id, cursor: query.cursor, limit: query.limit }));
