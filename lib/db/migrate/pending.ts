// Which committed migrations a database has not applied yet, read straight from
// Prisma's _prisma_migrations table with the plain driver. When nothing is
// pending, callers skip the schema engine entirely: on SQLite it takes an
// exclusive lock, which would wait on a running server's connection.
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { readMigrations } from "@/lib/db/migrate/files";
import type { DbTarget } from "@/lib/db/target";

const APPLIED = `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

async function appliedNames(target: DbTarget): Promise<Set<string> | null> {
  if (target.provider === "sqlite") {
    if (!fs.existsSync(target.file)) return null;
    const sqlite = new Database(target.file, { readonly: true, fileMustExist: true, timeout: 10_000 });
    try {
      const table = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
      if (!table) return null;
      return new Set((sqlite.prepare(APPLIED).all() as { migration_name: string }[]).map((row) => row.migration_name));
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS name`);
    if (!table.rows[0]?.name) return null;
    return new Set((await client.query<{ migration_name: string }>(APPLIED)).rows.map((row) => row.migration_name));
  } finally {
    await client.end();
  }
}

export async function pendingMigrations(target: DbTarget): Promise<string[]> {
  const all = readMigrations(target.provider).map((migration) => migration.name);
  const applied = await appliedNames(target);
  return applied ? all.filter((name) => !applied.has(name)) : all;
}
