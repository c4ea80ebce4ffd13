// The estate's grant-scope tallies, kept per process between requests and
// exact. Why: the one-pass query (grant-scope-tallies.ts) visits every
// effective grant scope — 458,000 at the benchmark's 100,000 grants, 0.7–0.9 s
// on SQLite (no hash joins), 0.6 s on PostgreSQL on the 2-core machine — and
// the dashboard is the admins' landing page. What is kept is not a number but, per effective scope,
// the three instants its cards depend on: when its grant expires, and from when
// it counts as unused (its grant's creation, or a millisecond after its last
// use, whichever is later). Each request then counts them for its own instant
// in a few milliseconds. The rows stay valid while:
//  - the policy revision is unchanged: every audited change to identities,
//    grants, catalogs and tools moves it (lib/policy/revision.ts), and nothing
//    else makes a scope effective or not, except its grant expiring (checked
//    per request against the kept expiry);
//  - and the last uses kept are current. Enforcement points' allowed decisions
//    move a scope's last use (lib/policy/events/count-grant-use.ts: the live
//    scopes of that agent's grants on that server with that scope) in the
//    transaction that appends their audit events; the agent, server and scope
//    of the decisions appended since the rows were read name every scope that
//    can have moved, and those are read again (index lookups, not a pass over
//    every scope).
// The kept rows hold the current state whatever the request's instant, as the
// query does: only expiry and the unused windows depend on the instant, and
// both are computed per request. Each instance keeps its own rows; the checks
// read the database (the revision counter, the audit chain's head), so a
// change made through another instance is seen as well. Both databases read
// in one snapshot. The mine view (a third of the work, per owner) runs the query.
import "server-only";
import { preparedStatement } from "@/lib/audit/append-sqlite";
import { db, dbProvider, postgresPool, sqliteReadSync } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { GrantScopeTallies } from "@/lib/posture/grant-scope-tallies";
import { DAY_MS } from "@/lib/posture/scope";

type Rows = {
  count: number;
  /** the scope's key (SQLite: GrantTool's rowid; PostgreSQL: grant and tool id) → index in the arrays below */
  index: Map<number | string, number>;
  expires: Float64Array;
  created: Float64Array;
  /** the earliest instant (ms) at which the scope counts as unused: max(grant created, last use + 1 ms) */
  unusedFrom: Float64Array;
  irreversible: Uint8Array;
};
type Cache = { revision: bigint; seq: bigint; rows: Rows };

const caches = new WeakMap<object, Cache>();

/** How often the rows were read in full, topped up with recent usage, or reused as they were (tests check the cache is used). */
export const grantScopeCacheStats = { reads: 0, topUps: 0, reuses: 0 };

// instants as integer milliseconds, computed by SQLite and read as numbers (the connection reads integers as BigInt by default)
// (ROUND: subsec seconds × 1000 is not always a whole float)
const ms = (column: string) => `CAST(ROUND(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`;

// the effective scopes of the one-pass query, without its expiry condition: expiry is checked per request
const READ_ROWS = `
  WITH eg AS MATERIALIZED (
    SELECT g."id", ${ms('g."createdAt"')} AS "created", ${ms('g."expiresAt"')} AS "expires" FROM "Grant" g
    JOIN "Identity" a ON a."id" = g."agentId"
    JOIN "Identity" s ON s."id" = g."serverId"
    WHERE g."revokedAt" IS NULL AND g."suspendedAt" IS NULL AND a."status" = 'active' AND s."status" = 'active'
  ), et AS MATERIALIZED (
    SELECT "id", "tier" FROM "Tool" WHERE "status" = 'approved' AND "removedAt" IS NULL
  )
  SELECT gt.rowid, eg."created", eg."expires", ${ms('gt."lastUsedAt"')}, et."tier" = 'irreversible'
  FROM eg
  CROSS JOIN "GrantTool" gt ON gt."grantId" = eg."id"
  CROSS JOIN et ON et."id" = gt."toolId"
  WHERE gt."revokedAt" IS NULL`;

// the scopes ingestion can have moved since `seq`: those of the allowed decisions' agent, server and scope
// (count-grant-use.ts moves exactly the live ones among them; reading all of them again is harmless)
const USED_SINCE_SEQ = `
  WITH used AS (
    SELECT DISTINCT json_extract("details", '$.agentId') AS "agentId", json_extract("details", '$.serverId') AS "serverId", json_extract("details", '$.scope') AS "scope"
    FROM "AuditEvent" WHERE "seq" > ? AND "action" = 'mcp.decision' AND "outcome" = 'success'
  )
  SELECT gt.rowid, ${ms('gt."lastUsedAt"')} FROM used
  CROSS JOIN "Grant" g ON g."agentId" = used."agentId" AND g."serverId" = used."serverId"
  CROSS JOIN "GrantTool" gt ON gt."grantId" = g."id" AND gt."scope" = used."scope"
  WHERE gt."lastUsedAt" IS NOT NULL`;

const unusedFrom = (created: number, lastUsed: number | null) => (lastUsed === null ? created : Math.max(created, lastUsed + 1));

/** A scope as read: key, grant created (ms), grant expires (ms or null), last used (ms or null), 1 if its tool is irreversible. */
type ScopeRow = [key: number | string, created: number, expires: number | null, lastUsed: number | null, irreversible: number];

function buildRows(scopes: Iterable<ScopeRow>): Rows {
  let capacity = 1024;
  let expires = new Float64Array(capacity);
  let created = new Float64Array(capacity);
  let from = new Float64Array(capacity);
  let irreversible = new Uint8Array(capacity);
  const index = new Map<number | string, number>();
  let count = 0;
  for (const [key, grantCreated, grantExpires, lastUsed, isIrreversible] of scopes) {
    if (count === capacity) {
      capacity *= 2;
      const grow = <T extends Float64Array | Uint8Array>(array: T, make: (size: number) => T) => {
        const bigger = make(capacity);
        bigger.set(array);
        return bigger;
      };
      expires = grow(expires, (size) => new Float64Array(size));
      created = grow(created, (size) => new Float64Array(size));
      from = grow(from, (size) => new Float64Array(size));
      irreversible = grow(irreversible, (size) => new Uint8Array(size));
    }
    index.set(key, count);
    expires[count] = grantExpires ?? Number.POSITIVE_INFINITY;
    created[count] = grantCreated;
    from[count] = unusedFrom(grantCreated, lastUsed);
    irreversible[count] = isIrreversible;
    count += 1;
  }
  return { count, index, expires, created, unusedFrom: from, irreversible };
}

/** Moves kept scopes' last use to what the database holds now. */
function applyUses(rows: Rows, uses: Iterable<[key: number | string, lastUsed: number]>): void {
  for (const [key, lastUsed] of uses) {
    const at = rows.index.get(key);
    // a scope not kept was not effective when read; it becomes effective only through a change that moves the revision
    if (at !== undefined) rows.unusedFrom[at] = unusedFrom(rows.created[at]!, lastUsed);
  }
}

function count(rows: Rows, nowMs: number): GrantScopeTallies {
  const since30 = nowMs - 30 * DAY_MS;
  const since90 = nowMs - 90 * DAY_MS;
  let irreversible = 0;
  let unused30 = 0;
  let unused90 = 0;
  for (let at = 0; at < rows.count; at += 1) {
    if (rows.expires[at]! <= nowMs) continue;
    irreversible += rows.irreversible[at]!;
    const from = rows.unusedFrom[at]!;
    if (from <= since30) unused30 += 1;
    if (from <= since90) unused90 += 1;
  }
  return { irreversible, unused30, unused90 };
}

// PostgreSQL: the same reads on a connection of the client's pool, rows as arrays (Prisma's raw
// queries materialize each row as an object: 3 s for these 458,000 against ~1 s here), keyed by
// grant and tool id (rows have no stable physical id there)
const pgMs = (column: string) => `ROUND(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`;

const PG_READ_ROWS = `
  WITH eg AS MATERIALIZED (
    SELECT g."id", ${pgMs('g."createdAt"')} AS "created", ${pgMs('g."expiresAt"')} AS "expires" FROM "Grant" g
    JOIN "Identity" a ON a."id" = g."agentId"
    JOIN "Identity" s ON s."id" = g."serverId"
    WHERE g."revokedAt" IS NULL AND g."suspendedAt" IS NULL AND a."status" = 'active' AND s."status" = 'active'
  ), et AS MATERIALIZED (
    SELECT "id", "tier" FROM "Tool" WHERE "status" = 'approved' AND "removedAt" IS NULL
  )
  SELECT gt."grantId" || ' ' || gt."toolId", eg."created", eg."expires", ${pgMs('gt."lastUsedAt"')}, (et."tier" = 'irreversible')::int
  FROM eg
  JOIN "GrantTool" gt ON gt."grantId" = eg."id"
  JOIN et ON et."id" = gt."toolId"
  WHERE gt."revokedAt" IS NULL`;

const PG_USED_SINCE_SEQ = `
  WITH used AS (
    SELECT DISTINCT "details"->>'agentId' AS "agentId", "details"->>'serverId' AS "serverId", "details"->>'scope' AS "scope"
    FROM "AuditEvent" WHERE "seq" > $1::bigint AND "action" = 'mcp.decision' AND "outcome" = 'success'
  )
  SELECT gt."grantId" || ' ' || gt."toolId", ${pgMs('gt."lastUsedAt"')} FROM used
  JOIN "Grant" g ON g."agentId" = used."agentId" AND g."serverId" = used."serverId"
  JOIN "GrantTool" gt ON gt."grantId" = g."id" AND gt."scope" = used."scope"
  WHERE gt."lastUsedAt" IS NOT NULL`;

async function postgresTallies(nowMs: number): Promise<GrantScopeTallies | null> {
  const client = db();
  const pool = postgresPool();
  if (!pool) return null;
  const connection = await pool.connect();
  const rows = async <T extends unknown[]>(text: string, values: unknown[] = []) => (await connection.query<T>({ text, values, rowMode: "array" })).rows;
  try {
    // one snapshot for the checks and the reads
    await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const [state] = await rows<[string]>('SELECT "revision"::text FROM "PolicyState" WHERE "id" = 1');
    const [head] = await rows<[string]>('SELECT "seq"::text FROM "AuditHead" WHERE "id" = 1');
    if (!state || !head) return null;
    const revision = BigInt(state[0]);
    const seq = BigInt(head[0]);
    let cache = caches.get(client);
    if (cache && cache.revision === revision && cache.seq !== seq) {
      applyUses(cache.rows, await rows<[string, number]>(PG_USED_SINCE_SEQ, [cache.seq.toString()]));
      cache.seq = seq;
      grantScopeCacheStats.topUps += 1;
    } else if (cache && cache.revision === revision) grantScopeCacheStats.reuses += 1;
    if (!cache || cache.revision !== revision) {
      cache = { revision, seq, rows: buildRows(await rows<ScopeRow>(PG_READ_ROWS)) };
      caches.set(client, cache);
      grantScopeCacheStats.reads += 1;
    }
    return count(cache.rows, nowMs);
  } finally {
    await connection.query("ROLLBACK").catch(() => undefined);
    connection.release();
  }
}

/** The estate's tallies at `now` from the kept rows (read or brought up to date first); null where the query must answer. */
export async function cachedEstateTallies(now: Date): Promise<GrantScopeTallies | null> {
  const nowMs = now.getTime();
  if (dbProvider() === "postgresql") {
    try {
      return await postgresTallies(nowMs);
    } catch (error) {
      // the query answers instead; nothing kept is trusted after a failed read
      caches.delete(db());
      logger().warn({ err: error }, "could not bring the kept grant-scope tallies up to date; counting with the query");
      return null;
    }
  }
  const client = db();
  return sqliteReadSync((database) => {
    const revision = (preparedStatement(database, 'SELECT "revision" FROM "PolicyState" WHERE "id" = 1').safeIntegers(true).get() as { revision: bigint } | undefined)?.revision;
    const seq = (preparedStatement(database, 'SELECT "seq" FROM "AuditHead" WHERE "id" = 1').safeIntegers(true).get() as { seq: bigint } | undefined)?.seq;
    if (revision === undefined || seq === undefined) return null;
    let cache = caches.get(client);
    if (cache && cache.revision === revision && cache.seq !== seq) {
      applyUses(cache.rows, preparedStatement(database, USED_SINCE_SEQ).safeIntegers(false).raw(true).iterate(cache.seq) as IterableIterator<[number, number]>);
      cache.seq = seq;
      grantScopeCacheStats.topUps += 1;
    } else if (cache && cache.revision === revision) grantScopeCacheStats.reuses += 1;
    if (!cache || cache.revision !== revision) {
      cache = { revision, seq, rows: buildRows(preparedStatement(database, READ_ROWS).safeIntegers(false).raw(true).iterate() as IterableIterator<ScopeRow>) };
      caches.set(client, cache);
      grantScopeCacheStats.reads += 1;
    }
    return count(cache.rows, nowMs);
  });
}
