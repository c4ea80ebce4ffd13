// The better-sqlite3 driver adapter runs every query on one connection. It
// serialises transactions with a private mutex, but a query issued outside a
// transaction runs straight away — inside whichever interactive transaction is
// open at that moment. That statement then reads uncommitted rows and, if the
// transaction rolls back, is silently undone with it (the same defect bun fixed
// in oven-sh/bun#33581). No published adapter fixes this, so this wrapper makes
// top-level statements wait for the open transaction to finish. It is covered by
// lib/db/serialized-sqlite-adapter.test.ts.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";

// The adapter starts transactions with a deferred BEGIN. In WAL mode a deferred
// transaction that has read and then writes after another process committed
// fails at once with SQLITE_BUSY_SNAPSHOT instead of waiting. A no-op write
// right after BEGIN takes the write lock up front (what BEGIN IMMEDIATE does),
// so writers in other processes (the CLI, test workers) queue on busy_timeout.
// The table may not exist yet while the schema engine creates it; then the
// statement fails before touching anything and the transaction stays deferred.
const TAKE_WRITE_LOCK = { sql: 'UPDATE "_prisma_migrations" SET "id" = "id" WHERE 0', args: [], argTypes: [] };

// WAL lets readers in other processes (the CLI) proceed while the app writes;
// synchronous=NORMAL in WAL mode loses nothing when the process is killed.
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA busy_timeout = 10000",
].join(";\n");

function isMissingTable(error: unknown): boolean {
  const cause = (error as { cause?: { kind?: string; message?: string } })?.cause;
  const text = `${(error as Error)?.message ?? ""} ${cause?.message ?? ""}`;
  return cause?.kind === "TableDoesNotExist" || text.includes("no such table");
}

function wrapTransaction(inner: Transaction, release: () => void): Transaction {
  let released = false;
  const releaseOnce = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    options: inner.options,
    queryRaw: (query: SqlQuery) => inner.queryRaw(query),
    executeRaw: (query: SqlQuery) => inner.executeRaw(query),
    commit: async () => {
      try {
        await inner.commit();
      } finally {
        releaseOnce();
      }
    },
    rollback: async () => {
      try {
        await inner.rollback();
      } finally {
        releaseOnce();
      }
    },
    createSavepoint: inner.createSavepoint?.bind(inner),
    rollbackToSavepoint: inner.rollbackToSavepoint?.bind(inner),
    releaseSavepoint: inner.releaseSavepoint?.bind(inner),
  };
}

function wrapAdapter(inner: SqlDriverAdapter, gate: Mutex): SqlDriverAdapter {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => gate.runExclusive(() => inner.queryRaw(query)),
    executeRaw: (query) => gate.runExclusive(() => inner.executeRaw(query)),
    executeScript: (script) => gate.runExclusive(() => inner.executeScript(script)),
    startTransaction: async (isolationLevel?: IsolationLevel) => {
      const release = await gate.acquire();
      try {
        const transaction = await inner.startTransaction(isolationLevel);
        try {
          await transaction.executeRaw(TAKE_WRITE_LOCK);
        } catch (error) {
          if (!isMissingTable(error)) {
            await transaction.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => {});
            await transaction.rollback();
            throw error;
          }
        }
        return wrapTransaction(transaction, release);
      } catch (error) {
        release();
        throw error;
      }
    },
    getConnectionInfo: inner.getConnectionInfo?.bind(inner),
    dispose: () => inner.dispose(),
  };
}

/** The part of better-sqlite3's Database that transactionSync callers use. */
export type SqliteStatement = {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  iterate(...params: unknown[]): IterableIterator<unknown>;
  safeIntegers(toggle?: boolean): SqliteStatement;
  /** rows as arrays of column values instead of objects */
  raw(toggle?: boolean): SqliteStatement;
};
export type SqliteDatabase = {
  prepare(sql: string): SqliteStatement;
  transaction<T>(fn: () => T): { immediate(): T; deferred(): T };
};

export class SerializedSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;
  #connected: { gate: Mutex; database: SqliteDatabase } | null = null;

  constructor(file: string) {
    this.#inner = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 }, { timestampFormat: "iso8601" });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(SQLITE_PRAGMAS);
    const gate = new Mutex();
    // the published adapter keeps its better-sqlite3 Database in `client`
    const database = (adapter as unknown as { client?: SqliteDatabase }).client;
    if (database && typeof database.transaction === "function") this.#connected = { gate, database };
    return wrapAdapter(adapter, gate);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return wrapAdapter(await this.#inner.connectToShadowDb(), new Mutex());
  }

  /**
   * Runs `fn` synchronously in a BEGIN IMMEDIATE transaction on the client's own
   * connection, queued on the same gate as Prisma's statements and transactions.
   * For hot paths where Prisma's per-query overhead dominates (the token
   * service's group commit); null when the client has not connected yet.
   */
  transactionSync<T>(fn: (database: SqliteDatabase) => T): Promise<T> | null {
    const connected = this.#connected;
    if (!connected) return null;
    return connected.gate.runExclusive(() => connected.database.transaction(() => fn(connected.database)).immediate());
  }

  /**
   * Like transactionSync for reads only: a deferred transaction (one snapshot,
   * no write lock, so other processes' writers are not held up). For reads of
   * many rows where materializing Prisma rows would dominate (lib/posture/grant-scope-cache.ts).
   */
  readSync<T>(fn: (database: SqliteDatabase) => T): Promise<T> | null {
    const connected = this.#connected;
    if (!connected) return null;
    return connected.gate.runExclusive(() => connected.database.transaction(() => fn(connected.database)).deferred());
  }
}
