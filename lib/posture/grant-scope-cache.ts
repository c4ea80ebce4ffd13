// The estate's grant-scope tallies on SQLite, kept per process between
// requests and exact. Why: the one-pass query (grant-scope-tallies.ts) visits
// every effective grant scope — 458,000 at the benchmark's 100,000 grants,
// 0.7–0.9 s on SQLite, whose plans have no hash join — and the dashboard is the
// admins' landing page. What is kept is not a number but, per effective scope,
// the three instants its cards depend on: when its grant expires, and from when
// it counts as unused (its grant's creation, or a millisecond after its last
// use, whichever is later). Each request then counts them for its own instant
// in a few milliseconds. The rows stay valid while:
//  - the policy revision is unchanged: every audited change to identities,
//    grants, catalogs and tools moves it (lib/policy/revision.ts), and nothing
//    else makes a scope effective or not, except its grant expiring (checked
//    per request against the kept expiry);
//  - and usage moved only forward. Enforcement points' allowed decisions move
//    a scope's last use (lib/policy/events/count-grant-use.ts) in the
//    transaction that appends their audit events: the events appended since the
//    rows were read say the earliest use they can have recorded, and the scopes
//    last used since then are read again (one pass over GrantTool, no join).
// The kept rows hold the current state whatever the request's instant, as the
// query does: only expiry and the unused windows depend on the instant, and
// both are computed per request. A reported time that cannot be read makes
// them be read again in full. PostgreSQL hashes its joins in parallel and is not
// cached here; neither is the mine view (a third of the work, per owner).
import "server-only";
import { preparedStatement } from "@/lib/audit/append-sqlite";
import { db, dbProvider, sqliteReadSync } from "@/lib/db/client";
import type { SqliteDatabase } from "@/lib/db/serialized-sqlite-adapter";
import type { GrantScopeTallies } from "@/lib/posture/grant-scope-tallies";
import { DAY_MS } from "@/lib/posture/scope";

type Rows = {
  count: number;
  /** GrantTool rowid → index in the arrays below */
  index: Map<number, number>;
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

// what ingestion can have moved since: allowed decisions appended after `seq`, and the earliest time they can have recorded
const RECENT_USES = `
  SELECT COUNT(*) AS "events", MIN(${ms(`json_extract("details", '$.at')`)}) AS "earliestAt", MIN(${ms('"occurredAt"')}) AS "earliestReceived"
  FROM "AuditEvent" WHERE "seq" > ? AND "action" = 'mcp.decision' AND "outcome" = 'success'`;

// compared as milliseconds, not as text: the stored text's format is the driver's business
const USED_SINCE = `SELECT rowid, "lastUsed" FROM (SELECT rowid, ${ms('"lastUsedAt"')} AS "lastUsed" FROM "GrantTool" WHERE "lastUsedAt" IS NOT NULL) WHERE "lastUsed" >= ?`;

const unusedFrom = (created: number, lastUsed: number | null) => (lastUsed === null ? created : Math.max(created, lastUsed + 1));

function readRows(database: SqliteDatabase): Rows {
  const statement = preparedStatement(database, READ_ROWS).safeIntegers(false).raw(true);
  let capacity = 1024;
  let expires = new Float64Array(capacity);
  let created = new Float64Array(capacity);
  let from = new Float64Array(capacity);
  let irreversible = new Uint8Array(capacity);
  const index = new Map<number, number>();
  let count = 0;
  for (const row of statement.iterate() as IterableIterator<[number, number, number | null, number | null, number]>) {
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
    const [rowid, grantCreated, grantExpires, lastUsed, isIrreversible] = row;
    index.set(rowid, count);
    expires[count] = grantExpires ?? Number.POSITIVE_INFINITY;
    created[count] = grantCreated;
    from[count] = unusedFrom(grantCreated, lastUsed);
    irreversible[count] = isIrreversible;
    count += 1;
  }
  return { count, index, expires, created, unusedFrom: from, irreversible };
}

/** Moves the kept scopes' last use forward to what ingestion recorded since `seq`; false when that cannot be told exactly. */
function topUp(database: SqliteDatabase, rows: Rows, seq: bigint): boolean {
  const recent = preparedStatement(database, RECENT_USES).safeIntegers(false).get(seq) as { events: number; earliestAt: number | null; earliestReceived: number | null };
  if (recent.events === 0) return true;
  // a use is recorded at min(reported time, receipt): both minima bound it from below
  if (recent.earliestAt === null || recent.earliestReceived === null) return false;
  const since = Math.min(recent.earliestAt, recent.earliestReceived);
  for (const [rowid, lastUsed] of preparedStatement(database, USED_SINCE).safeIntegers(false).raw(true).iterate(since) as IterableIterator<[number, number]>) {
    const at = rows.index.get(rowid);
    // a scope not kept was not effective when read; it becomes effective only through a change that moves the revision
    if (at !== undefined) rows.unusedFrom[at] = unusedFrom(rows.created[at]!, lastUsed);
  }
  return true;
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

/** The estate's tallies at `now` from the kept rows (read or brought up to date first); null where the query must answer. */
export async function cachedEstateTallies(now: Date): Promise<GrantScopeTallies | null> {
  if (dbProvider() !== "sqlite") return null;
  const client = db();
  const nowMs = now.getTime();
  return sqliteReadSync((database) => {
    const revision = (preparedStatement(database, 'SELECT "revision" FROM "PolicyState" WHERE "id" = 1').safeIntegers(true).get() as { revision: bigint } | undefined)?.revision;
    const seq = (preparedStatement(database, 'SELECT "seq" FROM "AuditHead" WHERE "id" = 1').safeIntegers(true).get() as { seq: bigint } | undefined)?.seq;
    if (revision === undefined || seq === undefined) return null;
    let cache = caches.get(client);
    if (cache && cache.revision === revision && cache.seq !== seq) {
      if (topUp(database, cache.rows, cache.seq)) {
        cache.seq = seq;
        grantScopeCacheStats.topUps += 1;
      } else cache = undefined;
    } else if (cache && cache.revision === revision) grantScopeCacheStats.reuses += 1;
    if (!cache || cache.revision !== revision) {
      cache = { revision, seq, rows: readRows(database) };
      caches.set(client, cache);
      grantScopeCacheStats.reads += 1;
    }
    return count(cache.rows, nowMs);
  });
}
