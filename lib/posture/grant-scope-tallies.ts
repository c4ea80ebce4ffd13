// The three grant-scope cards (access to irreversible tools, unused for 30 and
// for 90 days) counted in one pass. Each card's Prisma `where`
// (lib/posture/catalog-cards.ts) stays the definition: it feeds the drill-down
// list, and tests/integration/posture.test.ts checks every card's number equals
// its list. Prisma turns each relation condition into a subquery evaluated per
// grant scope, three counts in a row; at 500,000 grant scopes that cost over a
// second on SQLite. Written by hand because no query builder here expresses
// "filter the grants once, then sum three conditions over their scopes":
//   1. the grants with effective access (not revoked or expired, agent and
//      server active; in the mine view, agents the user owns), materialized once;
//   2. the approved, still reported tools, materialized once;
//   3. their scopes that are not narrowed away, joined to both, summed with CASE.
// The estate's tallies come from rows kept between requests while nothing
// they depend on changed (lib/posture/grant-scope-cache.ts).
import "server-only";
import { cachedEstateTallies } from "@/lib/posture/grant-scope-cache";
import { daysBefore, memo, type PostureScope } from "@/lib/posture/scope";
import { run, sql, toNumber } from "@/lib/posture/sql";

export type GrantScopeTallies = { irreversible: number; unused30: number; unused90: number };

type Row = { irreversible: bigint | number | null; unused30: bigint | number | null; unused90: bigint | number | null };

function tally(scope: PostureScope): Promise<GrantScopeTallies> {
  const query = sql();
  // SQLite binds `?` in the order of the text: bind while writing, front to back
  const now = query.bind(scope.now);
  const owner = scope.ownerId ? ` AND (a."ownerId" = ${query.bind(scope.ownerId)} OR a."backupOwnerId" = ${query.bind(scope.ownerId)})` : "";
  const unused = (days: number) => {
    const since = daysBefore(scope.now, days);
    return `SUM(CASE WHEN eg."createdAt" <= ${query.bind(since)} AND (gt."lastUsedAt" IS NULL OR gt."lastUsedAt" < ${query.bind(since)}) THEN 1 ELSE 0 END)`;
  };
  // SQLite's planner would walk the tools' index and seek each scope's grant in a
  // temporary index (a third slower, measured at 500,000 scopes); CROSS JOIN is
  // SQLite's documented way to keep the written order: grants, then their scopes
  // by the primary key. PostgreSQL plans hash joins itself (and has no CROSS JOIN … ON).
  const join = query.postgres ? "JOIN" : "CROSS JOIN";
  const text = `
    WITH eg AS MATERIALIZED (
      SELECT g."id", g."createdAt" FROM "Grant" g
      JOIN "Identity" a ON a."id" = g."agentId"
      JOIN "Identity" s ON s."id" = g."serverId"
      WHERE g."revokedAt" IS NULL AND g."suspendedAt" IS NULL AND (g."expiresAt" IS NULL OR g."expiresAt" > ${now})
        AND a."status" = 'active' AND s."status" = 'active'${owner}
    ), et AS MATERIALIZED (
      SELECT "id", "tier" FROM "Tool" WHERE "status" = 'approved' AND "removedAt" IS NULL
    )
    SELECT
      SUM(CASE WHEN et."tier" = 'irreversible' THEN 1 ELSE 0 END) AS "irreversible",
      ${unused(30)} AS "unused30",
      ${unused(90)} AS "unused90"
    FROM eg
    ${join} "GrantTool" gt ON gt."grantId" = eg."id"
    ${join} et ON et."id" = gt."toolId"
    WHERE gt."revokedAt" IS NULL`;
  return run<Row>(query, text).then(([row]) => ({ irreversible: toNumber(row?.irreversible), unused30: toNumber(row?.unused30), unused90: toNumber(row?.unused90) }));
}

/** The one pass, always from the database (tests compare the kept rows of grant-scope-cache.ts with it). */
export function talliesByQuery(scope: PostureScope): Promise<GrantScopeTallies> {
  return tally(scope);
}

/** The tallies of this request's scope, counted once however many cards ask; the estate's from rows kept between requests. */
export function grantScopeTallies(scope: PostureScope): Promise<GrantScopeTallies> {
  return memo(scope, "grant-scope-tallies", async () => (scope.ownerId ? null : await cachedEstateTallies(scope.now)) ?? tally(scope));
}
