// Group commit for the token service's writes. Every token request must record
// its single-use values (client assertion and DPoP proof jtis) and an audit
// event before it answers. Instead of one transaction per request, requests
// join the next batch: one transaction inserts all their single-use values
// with INSERT … ON CONFLICT DO NOTHING RETURNING (the database decides which
// ones were replays, also across instances), appends all their audit events
// with one chain-head update, and commits. On SQLite the batch runs as one
// synchronous better-sqlite3 transaction with prepared statements, because
// Prisma's interactive transaction cost more than the writes themselves. Each request waits for the commit
// of its own batch, so nothing is acknowledged before it is durable. With no
// batch in flight a request is written at once; batches form under load.
import { appendAuditEvents, type AuditInput } from "@/lib/audit/append";
import { appendAuditEventsSqlite, preparedStatement } from "@/lib/audit/append-sqlite";
import { db, dbProvider, sqliteTransactionSync } from "@/lib/db/client";
import type { SqliteDatabase } from "@/lib/db/serialized-sqlite-adapter";
import { transact, type Tx } from "@/lib/db/transaction";
import { logger } from "@/lib/log";

export type SingleUseValue = { key: string; expiresAtMs: number };
/** eventsIfReplayed: written instead of `events` when some of the job's single-use values were replays (given those keys) */
export type WriteJob = { singleUse: SingleUseValue[]; events: AuditInput[]; eventsIfReplayed?: (replayedKeys: string[]) => AuditInput[] };
export type WriteResult = { replayedKeys: string[] };

type Pending = WriteJob & { resolve: (result: WriteResult) => void; reject: (error: unknown) => void };

const MAX_BATCH = 256;
const CLEANUP_EVERY_MS = 60_000;
const slot = Symbol.for("warden.oauthCommitBatch");
type State = { queue: Pending[]; flushing: boolean; lastCleanup: number };
function state(): State {
  const holder = globalThis as { [slot]?: State };
  return (holder[slot] ??= { queue: [], flushing: false, lastCleanup: 0 });
}

export function commitWrites(job: WriteJob): Promise<WriteResult> {
  return new Promise((resolve, reject) => {
    const s = state();
    s.queue.push({ ...job, resolve, reject });
    if (!s.flushing) {
      s.flushing = true;
      // let requests arriving in this same turn of the event loop join the batch
      setImmediate(() => void flush());
    }
  });
}

async function flush(): Promise<void> {
  const s = state();
  const batch = s.queue.splice(0, MAX_BATCH);
  try {
    const results = await writeBatch(batch);
    batch.forEach((job, index) => job.resolve(results[index]!));
  } catch (error) {
    logger().error({ err: error, size: batch.length }, "token service write batch failed");
    // the transaction rolled back whole: write each job alone, so one bad job fails only its own request
    if (batch.length === 1) batch[0]!.reject(error);
    else for (const job of batch) await writeBatch([job]).then(([result]) => job.resolve(result!), (alone: unknown) => job.reject(alone));
  }
  if (Date.now() - s.lastCleanup > CLEANUP_EVERY_MS) {
    s.lastCleanup = Date.now();
    await db()
      .replayEntry.deleteMany({ where: { expiresAt: { lt: BigInt(Date.now()) } } })
      .catch((error: unknown) => logger().warn({ err: error }, "could not prune expired single-use values"));
  }
  if (s.queue.length > 0) setImmediate(() => void flush());
  else s.flushing = false;
}

/** SQLite, inside a synchronous transaction: one prepared statement, run per value. */
function insertSingleUseSqlite(database: SqliteDatabase, values: SingleUseValue[]): Set<string> {
  const insert = preparedStatement(database, 'INSERT INTO "ReplayEntry" ("key", "expiresAt") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING');
  return new Set(values.filter((value) => insert.run(value.key, BigInt(Math.ceil(value.expiresAtMs))).changes === 1).map((value) => value.key));
}

async function insertSingleUse(tx: Tx, values: SingleUseValue[]): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const postgres = dbProvider() === "postgresql";
  const placeholders = values.map((_, index) => (postgres ? `($${index * 2 + 1}, $${index * 2 + 2})` : "(?, ?)")).join(", ");
  // NumericDates may be fractional (RFC 7519 §2); BigInt() of a non-integer would throw and fail the whole batch
  const params = values.flatMap((value) => [value.key, BigInt(Math.ceil(value.expiresAtMs))]);
  const rows = await tx.$queryRawUnsafe<{ key: string }[]>(`INSERT INTO "ReplayEntry" ("key", "expiresAt") VALUES ${placeholders} ON CONFLICT ("key") DO NOTHING RETURNING "key"`, ...params);
  return new Set(rows.map((row) => row.key));
}

async function writeBatch(batch: Pending[]): Promise<WriteResult[]> {
  // a value used twice within one batch: the first use wins
  const owner = new Map<string, number>();
  const replayed: string[][] = batch.map(() => []);
  const rows: SingleUseValue[] = [];
  batch.forEach((job, index) => {
    for (const value of job.singleUse) {
      if (owner.has(value.key)) replayed[index]!.push(value.key);
      else {
        owner.set(value.key, index);
        rows.push(value);
      }
    }
  });
  /** the batch's audit events, once the database has said which values were new */
  const eventsAfter = (inserted: Set<string>) => {
    for (const row of rows) if (!inserted.has(row.key)) replayed[owner.get(row.key)!]!.push(row.key);
    return batch.flatMap((job, index) => (replayed[index]!.length > 0 ? (job.eventsIfReplayed?.(replayed[index]!) ?? []) : job.events));
  };
  const written = await sqliteTransactionSync((database) => {
    appendAuditEventsSqlite(database, eventsAfter(insertSingleUseSqlite(database, rows)));
    return true;
  });
  if (!written) {
    await transact(async (tx) => {
      await appendAuditEvents(tx, eventsAfter(await insertSingleUse(tx, rows)));
    });
  }
  return replayed.map((keys) => ({ replayedKeys: keys }));
}
