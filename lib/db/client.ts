// The Prisma client of this process, created once per database target. Kept on
// globalThis because the custom server, the Next.js bundle and the CLI can load
// this module more than once in one process; they must share one connection.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as PgClient } from "@/lib/db/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "@/lib/db/generated/sqlite/client";
import { SerializedSqliteAdapterFactory, type SqliteDatabase } from "@/lib/db/serialized-sqlite-adapter";
import { resolveDbTarget, type DbTarget, type Provider } from "@/lib/db/target";

/** Secret columns are left out of every query unless one asks with `omit: { x: false }`. */
export const OMIT_SECRETS = {
  user: { passwordHash: true },
  apiToken: { tokenHash: true },
} as const;

/**
 * Both generated clients have the same models and methods; the SQLite one is used
 * as the type. Code must not use provider-only features (e.g. `mode: "insensitive"`).
 */
export type Db = SqliteClient<never, typeof OMIT_SECRETS>;
export type { Prisma } from "@/lib/db/generated/sqlite/client";

type Holder = { client: Db; key: string; provider: Provider };
const slot = Symbol.for("warden.db");
type Global = { [slot]?: Holder };

// per resolved target (resolveDbTarget memoises those): db() runs on every request of the lean path,
// and a key built and compared afresh each time showed in its profile
const targetKeys = new WeakMap<DbTarget, string>();
function targetKey(target: DbTarget): string {
  let key = targetKeys.get(target);
  if (key === undefined) {
    key = target.provider === "sqlite" ? `sqlite:${target.file}` : `pg:${target.url}`;
    targetKeys.set(target, key);
  }
  return key;
}

const sqliteFactories = new WeakMap<Db, SerializedSqliteAdapterFactory>();
const postgresPools = new WeakMap<Db, pg.Pool>();

export function createClient(target: DbTarget): Db {
  if (target.provider === "sqlite") {
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const factory = new SerializedSqliteAdapterFactory(target.file);
    const client = new SqliteClient({ adapter: factory, omit: OMIT_SECRETS });
    sqliteFactories.set(client, factory);
    return client;
  }
  // the pool is ours so that reads of many rows can skip Prisma's row materialization (postgresPool); Prisma ends it on $disconnect
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PgClient({ adapter, omit: OMIT_SECRETS }) as unknown as Db;
  postgresPools.set(client, pool);
  return client;
}

/** The shared client for the configured database. */
export function db(): Db {
  const holder = globalThis as Global;
  const target = resolveDbTarget();
  const key = targetKey(target);
  const current = holder[slot];
  if (current && current.key === key) return current.client;
  if (current) void current.client.$disconnect();
  const client = createClient(target);
  holder[slot] = { client, key, provider: target.provider };
  return client;
}

/** Runs `fn` on the shared client's SQLite connection in a transaction of `kind`, connecting first if needed; null on PostgreSQL. */
async function onSqliteConnection<T>(kind: "transactionSync" | "readSync", fn: (database: SqliteDatabase) => T): Promise<T | null> {
  const client = db();
  const factory = sqliteFactories.get(client);
  if (!factory) return null;
  const running = factory[kind](fn);
  if (running) return running;
  await client.$connect();
  return factory[kind](fn);
}

/**
 * Runs `fn` in a synchronous SQLite transaction on the shared client's
 * connection (see SerializedSqliteAdapterFactory.transactionSync); null on
 * PostgreSQL, where callers use an interactive transaction instead.
 */
export function sqliteTransactionSync<T>(fn: (database: SqliteDatabase) => T): Promise<T | null> {
  return onSqliteConnection("transactionSync", fn);
}

/** Runs `fn` in a synchronous read-only (deferred) SQLite transaction on the shared client's connection; null on PostgreSQL. */
export function sqliteReadSync<T>(fn: (database: SqliteDatabase) => T): Promise<T | null> {
  return onSqliteConnection("readSync", fn);
}

/**
 * The connection pool under the shared client on PostgreSQL (null on SQLite), for reads of many
 * rows as arrays (lib/posture/grant-scope-cache.ts); Prisma's own queries use it too.
 */
export function postgresPool(): pg.Pool | null {
  return postgresPools.get(db()) ?? null;
}

/** The client db() would return, or null when none is open (it never opens one). */
export function openClient(): Db | null {
  return (globalThis as Global)[slot]?.client ?? null;
}

export function dbProvider(): Provider {
  return resolveDbTarget().provider;
}

export async function disconnectDb(): Promise<void> {
  const holder = globalThis as Global;
  const current = holder[slot];
  delete holder[slot];
  if (current) await current.client.$disconnect();
}
