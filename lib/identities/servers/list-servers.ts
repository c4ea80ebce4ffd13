// Lists MCP servers, newest first, with search and an owner filter.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { pageWhere, toPage, type Page } from "@/lib/pagination";
import { presentServer, SERVER_INCLUDE } from "@/lib/identities/servers/present";
import type { TListServersQuery, TServer } from "@/lib/identities/servers/schemas";

export async function listServers(options: { actor: Actor; query: TListServersQuery }): Promise<Page<TServer> & { total: number }> {
  assertCan(options.actor, "identities:read");
  const { q, ownerId, cursor, limit } = options.query;
  const where = {
    kind: "server",
    ...(q ? { searchText: { contains: q.toLowerCase() } } : {}),
    ...(ownerId ? { ownerId } : {}),
  };
  const [rows, total] = await Promise.all([
    db().identity.findMany({ where: { ...where, ...pageWhere(cursor) }, orderBy: { id: "desc" }, take: limit + 1, include: SERVER_INCLUDE }),
    db().identity.count({ where }),
  ]);
  return { ...toPage(rows, limit, presentServer), total };
}
