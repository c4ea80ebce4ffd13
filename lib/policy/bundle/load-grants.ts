// The grants of a set of servers with their live scopes, for the bundle: one
// query, one row per grant, its scopes aggregated by the database (scope
// tokens contain no spaces, RFC 6749 §3.3). Written as SQL because Prisma's
// nested read (the grants, then their tools in chunks of ids) built an object
// per grant scope — about 600,000 for a gateway fronting 1,000 servers, most
// of that bundle's compile time; a row per scope through $queryRaw still cost
// 2 s there (BENCHMARKS.md, "Policy distribution"). Values are bound, never
// interpolated; the id list is one parameter (a JSON array on SQLite, a text
// array on PostgreSQL), so any number of servers fits.
import { db, dbProvider } from "@/lib/db/client";

export type BundleGrant = { id: string; agentId: string; serverId: string; expiresAt: Date | null; revokedAt: Date | null; suspendedAt: Date | null; scopes: string[] };

type Row = { id: string; agentId: string; serverId: string; expiresAt: Date | string | null; revokedAt: Date | string | null; suspendedAt: Date | string | null; scopes: string | null };

/** A stored timestamp as a Date (the SQLite driver may answer a raw query with its ISO text). */
const asDate = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value : new Date(value));

export async function loadBundleGrants(serverIds: string[] | "all"): Promise<BundleGrant[]> {
  const postgres = dbProvider() === "postgresql";
  const where = serverIds === "all" ? "" : postgres ? `WHERE g."serverId" = ANY($1::text[])` : `WHERE g."serverId" IN (SELECT value FROM json_each(?))`;
  const params = serverIds === "all" ? [] : [postgres ? serverIds : JSON.stringify(serverIds)];
  const aggregate = postgres ? `string_agg(t."scope", ' ')` : `group_concat(t."scope", ' ')`;
  const rows = await db().$queryRawUnsafe<Row[]>(
    `SELECT g."id", g."agentId", g."serverId", g."expiresAt", g."revokedAt", g."suspendedAt", ${aggregate} AS "scopes" FROM "Grant" g LEFT JOIN "GrantTool" t ON t."grantId" = g."id" AND t."revokedAt" IS NULL ${where} GROUP BY g."id", g."agentId", g."serverId", g."expiresAt", g."revokedAt", g."suspendedAt"`,
    ...params,
  );
  // a grant without live scopes has none to aggregate (NULL)
  return rows.map((row) => ({ id: row.id, agentId: row.agentId, serverId: row.serverId, expiresAt: asDate(row.expiresAt), revokedAt: asDate(row.revokedAt), suspendedAt: asDate(row.suspendedAt), scopes: row.scopes ? row.scopes.split(" ") : [] }));
}
