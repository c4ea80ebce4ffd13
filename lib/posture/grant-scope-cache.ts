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

// The two statements, written once for both databases. SQLite: instants computed as integer
// milliseconds and read as numbers (the connection reads integers as BigInt by default; ROUND:
// subsec seconds × 1000 is not always a whole float), a scope keyed by GrantTool's rowid, CROSS JOIN
// to keep SQLite's join order (it has no hash joins). PostgreSQL: rows read as arrays on a
// connection of the client's pool (Prisma's raw queries materialize each row as an object: 3 s for
// 458,000 against ~1 s), keyed by grant and tool id (rows have no stable physical id there).
type Dialect = { ms: (column: string) => string; key: string; irreversible: string; detail: (field: string) => string; seq: string; join: string };
const SQLITE: Dialect = {
  ms: (column) => `CAST(ROUND(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`,
  key: "gt.rowid",
  irreversible: `et."tier" = 'irreversible'`,
  detail: (field) => `json_extract("details", '$.${field}')`,
  seq: "?",
  join: "CROSS JOIN",
};
const POSTGRES: Dialect = {
  ms: (column) => `ROUND(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`,
  key: `gt."grantId" || ' ' || gt."toolId"`,
  irreversible: `(et."tier" = 'irreversible')::int`,
  detail: (field) => `"details"->>'${field}'`,
  seq: "$1::bigint",
  join: "JOIN",
};

// the effective scopes of the one-pass query, without its expiry condition: expiry is checked per request
const readRows = (d: Dialect) => `
  WITH eg AS MATERIALIZED (
    SELECT g."id", ${d.ms('g."createdAt"')} AS "created", ${d.ms('g."expiresAt"')} AS "expires" FROM "Grant" g
    JOIN "Identity" a ON a."id" = g."agentId"
    JOIN "Identity" s ON s."id" = g."serverId"
    WHERE g."revokedAt" IS NULL AND g."suspendedAt" IS NULL AND a."status" = 'active' AND s."status" = 'active'
  ), et AS MATERIALIZED (
    SELECT "id", "tier" FROM "Tool" WHERE "status" = 'approved' AND "removedAt" IS NULL
  )
  SELECT ${d.key}, eg."created", eg."expires", ${d.ms('gt."lastUsedAt"')}, ${d.irreversible}
  FROM eg
  ${d.join} "GrantTool" gt ON gt."grantId" = eg."id"
  ${d.join} et ON et."id" = gt."toolId"
  WHERE gt."revokedAt" IS NULL`;

// the scopes ingestion can have moved since a seq: those of the allowed decisions' agent, server and scope
// (count-grant-use.ts moves exactly the live ones among them; reading all of them again is harmless)
const usedSinceSeq = (d: Dialect) => `
  WITH used AS (
    SELECT DISTINCT ${d.detail("agentId")} AS "agentId", ${d.detail("serverId")} AS "serverId", ${d.detail("scope")} AS "scope"
    FROM "AuditEvent" WHERE "seq" > ${d.seq} AND "action" = 'mcp.decision' AND "outcome" = 'success'
  )
  SELECT ${d.key}, ${d.ms('gt."lastUsedAt"')} FROM used
  ${d.join} "Grant" g ON g."agentId" = used."agentId" AND g."serverId" = used."serverId"
  ${d.join} "GrantTool" gt ON gt."grantId" = g."id" AND gt."scope" = used."scope"
  WHERE gt."lastUsedAt" IS NOT NULL`;

const READ_ROWS = readRows(SQLITE);
const USED_SINCE_SEQ = usedSinceSeq(SQLITE);
const PG_READ_ROWS = readRows(POSTGRES);
const PG_USED_SINCE_SEQ = usedSinceSeq(POSTGRES);

const unusedFrom = (created: number, lastUsed: number | null) => (lastUsed === null ? created : Math.max(created, lastUsed + 1));

/** A scope as read: key, grant created (ms), grant expires (ms or null), last used (ms or null), 1 if its tool is irreversible. */
type ScopeRow = [key: number | string, created: number, expires: number | null, lastUsed: number | null, irreversible: number];
/** A scope's key and last use (ms), as read again after reported calls. */
type ScopeUse = [key: number | string, lastUsed: number];

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
function applyUses(rows: Rows, uses: Iterable<ScopeUse>): void {
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

/** What the kept rows need at the database's `revision` and audit `seq`: nothing, the uses since, or a full read. */
type Step = "reuse" | "topUp" | "read";
function stepFor(cache: Cache | undefined, revision: bigint, seq: bigint): Step {
  if (!cache || cache.revision !== revision) return "read";
  return cache.seq === seq ? "reuse" : "topUp";
}

/** Takes the step with what was read for it (the uses since the kept seq, or every scope) and returns the rows now kept. */
function advance(client: object, revision: bigint, seq: bigint, step: Step, read: Iterable<ScopeUse> | Iterable<ScopeRow> | null): Rows {
  const cache = caches.get(client);
  // stepFor chose reuse or topUp only with rows kept
  if (step === "reuse" && cache) {
    grantScopeCacheStats.reuses += 1;
    return cache.rows;
  }
  if (step === "topUp" && cache) {
    applyUses(cache.rows, read as Iterable<ScopeUse>);
    cache.seq = seq;
    grantScopeCacheStats.topUps += 1;
    return cache.rows;
  }
  const rows = buildRows(read as Iterable<ScopeRow>);
  caches.set(client, { revision, seq, rows });
  grantScopeCacheStats.reads += 1;
  return rows;
}

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
    const cached = caches.get(client);
    const step = stepFor(cached, revision, seq);
    const read = step === "read" ? await rows<ScopeRow>(PG_READ_ROWS) : step === "topUp" ? await rows<ScopeUse>(PG_USED_SINCE_SEQ, [cached!.seq.toString()]) : null;
    return count(advance(client, revision, seq, step, read), nowMs);
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
    const cached = caches.get(client);
    const step = stepFor(cached, revision, seq);
    const iterate = <T>(sql: string, ...params: unknown[]) => preparedStatement(database, sql).safeIntegers(false).raw(true).iterate(...params) as IterableIterator<T>;
    const read = step === "read" ? iterate<ScopeRow>(READ_ROWS) : step === "topUp" ? iterate<ScopeUse>(USED_SINCE_SEQ, cached!.seq) : null;
    return count(advance(client, revision, seq, step, read), nowMs);
  });
}
