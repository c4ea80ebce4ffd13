// The main thread's side of the token service's SQLite writer thread
// (writer-thread.mjs): starts it on the database file, sends it operations and
// settles each with the thread's answer. The lean HTTP server starts one per
// process on SQLite (startSqliteWriter); the group commit
// (lib/oauth/commit-batch.ts) and the rate limiter (lib/rate-limit/count-hits.ts)
// find it through writer-slot.ts — never importing this module, so that
// Next.js's bundler never meets the worker — and write on the main thread's
// connection when none runs (PostgreSQL, tests in one process, `next dev`).
// If the thread fails, it is forgotten and those callers fall back the same way.
import { Worker } from "node:worker_threads";
import { AUDIT_COLUMNS } from "@/lib/audit/insert-rows";
import { disconnectDb } from "@/lib/db/client";
import { SQLITE_PRAGMAS } from "@/lib/db/serialized-sqlite-adapter";
import { resolveDbTarget } from "@/lib/db/target";
import { logger } from "@/lib/log";
import { current, setCurrent, type WriterBatch, type WriterOutcome, type WriterPort } from "@/lib/oauth/writer/writer-slot";
import { SQLITE_UPSERT } from "@/lib/rate-limit/sqlite-upsert";

const SQL = {
  insertSingleUse: 'INSERT INTO "ReplayEntry" ("key", "expiresAt") VALUES (?, ?) ON CONFLICT ("key") DO NOTHING',
  readHead: 'SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1',
  insertEvent: `INSERT INTO "AuditEvent" (${AUDIT_COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES (${AUDIT_COLUMNS.map(() => "?").join(", ")})`,
  insertScope: 'INSERT INTO "AuditEventScope" ("scope", "seq") VALUES (?, ?)',
  updateHead: 'UPDATE "AuditHead" SET "seq" = ?, "hash" = ? WHERE "id" = 1',
  countHit: SQLITE_UPSERT,
  pruneSingleUse: 'DELETE FROM "ReplayEntry" WHERE "expiresAt" < ?',
};

/**
 * The writer's own checkpoints (SQLite's wal_autocheckpoint, here 64 MiB of WAL) stall every batch
 * queued behind them; the checkpointer thread copies frames every CHECKPOINT_EVERY_MS without
 * blocking the writer, so the writer's checkpoints find little left to copy. Measured on the
 * 2-core machine (BENCHMARKS.md): with the writer checkpointing every 1,000 pages (SQLite's
 * default) the token endpoint made 1,135-1,150 tokens/s; with no checkpoints at all, 1,271.
 */
const WRITER_AUTOCHECKPOINT_PAGES = 16_384;
const CHECKPOINT_EVERY_MS = 200;

function startThread(role: "writer" | "checkpointer", file: string): Worker {
  const worker = new Worker(new URL("./writer-thread.mjs", import.meta.url), {
    workerData: { role, file, pragmas: SQLITE_PRAGMAS, sql: SQL, writerAutocheckpointPages: WRITER_AUTOCHECKPOINT_PAGES, checkpointEveryMs: CHECKPOINT_EVERY_MS },
  });
  // the threads never keep the process alive: requests waiting on the writer do, through their sockets
  worker.unref();
  return worker;
}

type Settle = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Reply = { id: number; result?: unknown; error?: string };

export class SqliteWriter implements WriterPort {
  readonly file: string;
  #worker: Worker;
  #checkpointer: Worker;
  #nextId = 1;
  #pending = new Map<number, Settle>();
  #failed: Error | null = null;
  #closing = false;
  #answered = 0;

  constructor(file: string) {
    this.file = file;
    this.#worker = startThread("writer", file);
    this.#checkpointer = startThread("checkpointer", file);
    // the checkpointer only saves the writer work: without it the writer's own checkpoints keep the WAL bounded
    this.#checkpointer.on("error", (error) => logger().warn({ err: error }, "the SQLite checkpointer thread stopped; the writer thread checkpoints alone"));
    this.#worker.on("message", (reply: Reply) => {
      const settle = this.#pending.get(reply.id);
      if (!settle) return;
      this.#pending.delete(reply.id);
      this.#answered += 1;
      if (reply.error !== undefined) settle.reject(new Error(reply.error));
      else settle.resolve(reply.result);
    });
    this.#worker.on("error", (error) => this.#fail(error));
    this.#worker.on("exit", (code) => this.#fail(new Error(`the SQLite writer thread exited (${code})`)));
  }

  #fail(error: Error): void {
    if (this.#failed) return;
    this.#failed = error;
    if (current() === this) setCurrent(null);
    if (!this.#closing) logger().error({ err: error }, "the SQLite writer thread stopped; writing on the main thread");
    for (const settle of this.#pending.values()) settle.reject(error);
    this.#pending.clear();
  }

  #send<T>(message: Record<string, unknown>): Promise<T> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ ...message, id });
    });
  }

  /** operations the thread has answered (committed, rolled back with a reason, or failed) */
  get answered(): number {
    return this.#answered;
  }

  commit(batch: WriterBatch): Promise<WriterOutcome> {
    return this.#send({ op: "commit", batch });
  }

  /** The rate limiter's upserts, one row of SQLITE_UPSERT parameters per key; each key's count and window end. */
  count(rows: unknown[][]): Promise<{ count: number; resetAt: number }[]> {
    return this.#send({ op: "count", rows });
  }

  prune(beforeMs: bigint): Promise<{ pruned: number }> {
    return this.#send({ op: "prune", before: beforeMs });
  }

  /** Closes the thread's connection (answered operations stay committed) and ends the thread. */
  async close(): Promise<void> {
    if (current() === this) setCurrent(null);
    if (this.#failed || this.#closing) return;
    this.#closing = true;
    this.#checkpointer.postMessage({ op: "close", id: 0 });
    await this.#send({ op: "close" }).catch(() => undefined);
    this.#fail(new Error("the SQLite writer thread was closed"));
    await Promise.all([this.#worker.terminate(), this.#checkpointer.terminate()]);
  }
}

/** Starts this process's writer thread on the configured SQLite file (none on PostgreSQL); idempotent. */
export function startSqliteWriter(): SqliteWriter | null {
  const target = resolveDbTarget();
  if (target.provider !== "sqlite") return null;
  const running = current();
  if (running instanceof SqliteWriter && running.file === target.file) return running;
  if (running) void running.close();
  const writer = new SqliteWriter(target.file);
  setCurrent(writer);
  return writer;
}

export async function stopSqliteWriter(): Promise<void> {
  await current()?.close();
}

/** At shutdown: the writer thread first (its answered batches are committed), then the main thread's client. */
export async function closeDatabase(): Promise<void> {
  await stopSqliteWriter();
  await disconnectDb();
}
