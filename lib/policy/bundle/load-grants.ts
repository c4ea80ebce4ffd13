// The grants of a set of servers with their live scopes, for the bundle: one
// joined query. Written as SQL because Prisma's nested read (the grants, then
// their tools in chunks of ids) built an object per grant scope — about
// 600,000 for a gateway fronting 1,000 servers, most of that bundle's compile
// time (BENCHMARKS.md, "Policy distribution"). Values are bound, never
// interpolated; the id list is one parameter (a JSON array on SQLite, a text
// array on PostgreSQL), so any number of servers fits.
import { db, dbProvider } from "@/lib/db/client";

export type BundleGrant = { id: string; agentId: string; serverId: string; expiresAt: Date | null; revokedAt: Date | null; scopes: string[] };

type Row = { id: string; agentId: string; serverId: string; expiresAt: Date | string | null; revokedAt: Date | string | null; scope: string | null };

/** A stored timestamp as a Date (the SQLite driver may answer a raw query with its ISO text). */
const asDate = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value : new Date(value));

export async function loadBundleGrants(serverIds: string[] | "all"): Promise<BundleGrant[]> {
  const postgres = dbProvider() === "postgresql";
  const where = serverIds === "all" ? "" : postgres ? `WHERE g."serverId" = ANY($1::text[])` : `WHERE g."serverId" IN (SELECT value FROM json_each(?))`;
  const params = serverIds === "all" ? [] : [postgres ? serverIds : JSON.stringify(serverIds)];
  const rows = await db().$queryRawUnsafe<Row[]>(
    `SELECT g."id", g."agentId", g."serverId", g."expiresAt", g."revokedAt", t."scope" FROM "Grant" g LEFT JOIN "GrantTool" t ON t."grantId" = g."id" AND t."revokedAt" IS NULL ${where} ORDER BY g."id"`,
    ...params,
  );
  const grants: BundleGrant[] = [];
  // rows come ordered by grant: one grant per run of rows, one scope per row (none for a grant without live scopes)
  for (const row of rows) {
    let current = grants[grants.length - 1];
    if (current?.id !== row.id) {
      current = { id: row.id, agentId: row.agentId, serverId: row.serverId, expiresAt: asDate(row.expiresAt), revokedAt: asDate(row.revokedAt), scopes: [] };
      grants.push(current);
    }
    if (row.scope !== null) current.scopes.push(row.scope);
  }
  return grants;
}
