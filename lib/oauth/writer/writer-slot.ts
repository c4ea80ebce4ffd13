// Where the group commit and the rate limiter find this process's SQLite
// writer thread (sqlite-writer.ts starts it; nothing here starts a worker, so
// modules in Next.js's bundle can import this one). On globalThis because the
// custom server and the Next.js bundle can load these modules twice in one process.
import { resolveDbTarget } from "@/lib/db/target";

export type ChainHead = { seq: bigint; hash: string };
/** One group commit, ready to bind: single-use values, audit rows as column values, the scope index rows. */
export type WriterBatch = {
  singleUse: [key: string, expiresAt: bigint][];
  events: unknown[][];
  scopes: [scope: string, seq: bigint][];
  /** whether the batch appends audit events: then `events` were chained to `expectHead` (none while the head is unknown) */
  appends: boolean;
  /** the head the events were chained to; null when it is not known yet (the thread answers with it) */
  expectHead: ChainHead | null;
  newHead: ChainHead | null;
};
/** ok: committed; replayed: these single-use values were stored already (rolled back); head: the chain moved (rolled back). */
export type WriterOutcome = { ok: true } | { replayed: string[] } | { head: ChainHead };

/** What the group commit and the rate limiter need of a writer thread. */
export type WriterPort = {
  readonly file: string;
  commit(batch: WriterBatch): Promise<WriterOutcome>;
  /** the rate limiter's upserts, one row of SQLITE_UPSERT parameters per key; each key's count and window end */
  count(rows: unknown[][]): Promise<{ count: number; resetAt: number }[]>;
  prune(beforeMs: bigint): Promise<{ pruned: number }>;
  close(): Promise<void>;
};

const slot = Symbol.for("warden.sqliteWriter");
type Holder = { [slot]?: WriterPort | null };
export const current = () => (globalThis as Holder)[slot] ?? null;
export const setCurrent = (writer: WriterPort | null) => {
  (globalThis as Holder)[slot] = writer;
};

/** The running writer thread, if it writes to the file db() uses. */
export function sqliteWriter(): WriterPort | null {
  const writer = current();
  if (!writer) return null;
  const target = resolveDbTarget();
  return target.provider === "sqlite" && target.file === writer.file ? writer : null;
}

