// Group commit for the token service's writes. Every token request must record
// its single-use values (client assertion and DPoP proof jtis) and an audit
// event before it answers. Instead of one transaction per request, requests
// join the next batch: one transaction inserts all their single-use values
// with INSERT … ON CONFLICT DO NOTHING RETURNING (the database decides which
// ones were replays, also across instances), appends all their audit events
// with one chain-head update, and commits. On SQLite the batch runs as one
// synchronous better-sqlite3 transaction with prepared statements, because
// Prisma's interactive transaction cost more than the writes themselves — on
// the SQLite writer thread where one runs (lib/oauth/writer/sqlite-writer.ts),
// so the main thread goes on with the next requests meanwhile. Each request waits for the commit
// of its own batch, so nothing is acknowledged before it is durable. With no
// batch in flight a request is written at once; batches form under load.
import { appendAuditEvents, chainRows, movesPolicy, type AuditInput } from "@/lib/audit/append";
import { appendAuditEventsSqlite, preparedStatement, sqliteAuditValues } from "@/lib/audit/append-sqlite";
import { scopeIndexRows } from "@/lib/audit/insert-rows";
import { db, dbProvider, sqliteTransactionSync } from "@/lib/db/client";
import type { SqliteDatabase } from "@/lib/db/serialized-sqlite-adapter";
import { transact, type Tx } from "@/lib/db/transaction";
import { logger } from "@/lib/log";
import { sqliteWriter, type ChainHead, type WriterPort } from "@/lib/oauth/writer/writer-slot";

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
    const writer = sqliteWriter();
    await (writer ? writer.prune(BigInt(Date.now())) : db().replayEntry.deleteMany({ where: { expiresAt: { lt: BigInt(Date.now()) } } }))
      .catch((error: unknown) => logger().warn({ err: error }, "could not prune expired single-use values"));
  }
  if (s.queue.length > 0) setImmediate(() => void flush());
  else s.flushing = false;
}

/** SQLite, inside a synchronous transaction: one prepared statement, run per value. */
function insertSingleUseSqlite(database: SqliteDatabase, values: SingleUseValue[]): Set<string> {
  const insert = preparedStatement(database, 'INSERT INTO "ReplayEntry" ("key", "expiresAt") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING');
  return new Set(values.filter((value) => insert.run(value.key, expiresAt(value)).changes === 1).map((value) => value.key));
}

async function insertSingleUse(tx: Tx, values: SingleUseValue[]): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const postgres = dbProvider() === "postgresql";
  const placeholders = values.map((_, index) => (postgres ? `($${index * 2 + 1}, $${index * 2 + 2})` : "(?, ?)")).join(", ");
  const params = values.flatMap((value) => [value.key, expiresAt(value)]);
  const rows = await tx.$queryRawUnsafe<{ key: string }[]>(`INSERT INTO "ReplayEntry" ("key", "expiresAt") VALUES ${placeholders} ON CONFLICT ("key") DO NOTHING RETURNING "key"`, ...params);
  return new Set(rows.map((row) => row.key));
}

/** Which of a batch's single-use values go to the database, and which its own jobs replayed already (the first use wins). */
type Plan = { rows: SingleUseValue[]; owner: Map<string, number>; inBatch: string[][] };

function planBatch(batch: Pending[]): Plan {
  const owner = new Map<string, number>();
  const inBatch: string[][] = batch.map(() => []);
  const rows: SingleUseValue[] = [];
  batch.forEach((job, index) => {
    for (const value of job.singleUse) {
      if (owner.has(value.key)) inBatch[index]!.push(value.key);
      else {
        owner.set(value.key, index);
        rows.push(value);
      }
    }
  });
  return { rows, owner, inBatch };
}

/** Each job's replayed values, given the values the database held already. */
function replayedPerJob(plan: Plan, held: Set<string>): string[][] {
  const replayed = plan.inBatch.map((keys) => [...keys]);
  for (const row of plan.rows) if (held.has(row.key)) replayed[plan.owner.get(row.key)!]!.push(row.key);
  return replayed;
}

/** The batch's audit events: each job's own, or its refusal events when some of its values were replays. */
function eventsFor(batch: Pending[], replayed: string[][]): AuditInput[] {
  return batch.flatMap((job, index) => (replayed[index]!.length > 0 ? (job.eventsIfReplayed?.(replayed[index]!) ?? []) : job.events));
}

// NumericDates may be fractional (RFC 7519 §2); BigInt() of a non-integer would throw and fail the whole batch
const expiresAt = (value: SingleUseValue) => BigInt(Math.ceil(value.expiresAtMs));

/** The chain head after this process's last commit through the writer thread: a guess the thread checks. */
let knownHead: ChainHead | null = null;
const MAX_WRITER_ATTEMPTS = 8;

/**
 * The batch through the SQLite writer thread. The thread stores the values and
 * rows it is given or rolls back and says why: some values were stored already
 * (replays — the jobs' refusal events are written instead), or the audit chain
 * head is not the one the rows were chained to (another connection appended) —
 * and the batch is rebuilt and sent again. Null for a batch that moves the
 * policy revision (none of the token service's do; the main thread's path bumps it).
 */
async function writeBatchOnThread(writer: WriterPort, batch: Pending[], plan: Plan): Promise<string[][] | null> {
  const held = new Set<string>();
  let head = knownHead;
  for (let attempt = 0; attempt < MAX_WRITER_ATTEMPTS; attempt += 1) {
    const replayed = replayedPerJob(plan, held);
    const events = eventsFor(batch, replayed);
    if (movesPolicy(events)) return null;
    const rows = head && events.length > 0 ? chainRows(head, events) : [];
    const last = rows.at(-1);
    const newHead = last ? { seq: last.seq, hash: last.hash } : null;
    const outcome = await writer.commit({
      singleUse: plan.rows.filter((row) => !held.has(row.key)).map((row) => [row.key, expiresAt(row)]),
      appends: events.length > 0,
      events: rows.map(sqliteAuditValues),
      scopes: scopeIndexRows(rows),
      expectHead: head,
      newHead,
    });
    if ("ok" in outcome) {
      if (newHead) knownHead = newHead;
      return replayed;
    }
    if ("replayed" in outcome) for (const key of outcome.replayed) held.add(key);
    else head = knownHead = outcome.head;
  }
  throw new Error(`the SQLite writer thread could not commit a batch in ${MAX_WRITER_ATTEMPTS} attempts (the audit chain kept moving)`);
}

async function writeBatch(batch: Pending[]): Promise<WriteResult[]> {
  const plan = planBatch(batch);
  const writer = sqliteWriter();
  if (writer) {
    try {
      const replayed = await writeBatchOnThread(writer, batch, plan);
      if (replayed) return replayed.map((keys) => ({ replayedKeys: keys }));
    } catch (error) {
      // a thread that stopped was dropped: write on this thread's connection instead
      if (sqliteWriter() === writer) throw error;
    }
  }
  let replayed: string[][] = [];
  /** the batch's audit events, once the database has said which values were new */
  const eventsAfter = (inserted: Set<string>) => {
    replayed = replayedPerJob(plan, new Set(plan.rows.filter((row) => !inserted.has(row.key)).map((row) => row.key)));
    return eventsFor(batch, replayed);
  };
  const written = await sqliteTransactionSync((database) => {
    appendAuditEventsSqlite(database, eventsAfter(insertSingleUseSqlite(database, plan.rows)));
    return true;
  });
  if (!written) {
    await transact(async (tx) => {
      await appendAuditEvents(tx, eventsAfter(await insertSingleUse(tx, plan.rows)));
    });
  }
  return replayed.map((keys) => ({ replayedKeys: keys }));
}
