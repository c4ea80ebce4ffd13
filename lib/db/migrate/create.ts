// Creates a migration for each provider as the diff from the schema snapshot of
// the last migration to the current prisma/schema.prisma. This replaces
// `prisma migrate dev`, which needs a shadow database the WASM engine cannot
// create (docs/database.md).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { diffSchemas, isEmptyDiff } from "@/lib/db/migrate/diff";
import { LOCKFILE, lockfileContent, migrationsDir, readMigrations } from "@/lib/db/migrate/files";
import { PROVIDERS, readSourceSchema, schemaFor } from "@/lib/db/migrate/schemas";
import { createScratchDatabase } from "@/lib/db/scratch-postgres";
import type { DbTarget, Provider } from "@/lib/db/target";

export type CreatedMigration = { provider: Provider; name: string; sql: string } | { provider: Provider; name: null };

export function lastSnapshot(provider: Provider): string | null {
  const migrations = readMigrations(provider);
  const last = migrations.at(-1);
  if (!last) return null;
  if (last.snapshot === null) throw new Error(`${last.dir} has no schema.prisma snapshot`);
  return last.snapshot;
}

/** Runs `fn` against a database the engine may connect to without touching real data. */
export async function withDiffTarget<T>(provider: Provider, fn: (target: DbTarget) => Promise<T>): Promise<T> {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-diff-"));
    try {
      return await fn({ provider, file: path.join(dir, "diff.db") });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const scratch = await createScratchDatabase("warden_diff");
  try {
    return await fn({ provider, url: scratch.url });
  } finally {
    await scratch.drop();
  }
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

export async function createMigration(name: string, now = new Date()): Promise<CreatedMigration[]> {
  if (!/^[a-z0-9_]{1,60}$/.test(name)) throw new Error("Migration name must be 1-60 characters of a-z, 0-9 and _");
  const source = readSourceSchema();
  const results: CreatedMigration[] = [];
  for (const provider of PROVIDERS) {
    const current = schemaFor(provider, source);
    const sql = await withDiffTarget(provider, (target) => diffSchemas(target, lastSnapshot(provider), current));
    if (isEmptyDiff(sql)) {
      results.push({ provider, name: null });
      continue;
    }
    const base = migrationsDir(provider);
    const dirName = `${timestamp(now)}_${name}`;
    const dir = path.join(base, dirName);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.writeFileSync(path.join(dir, "schema.prisma"), current);
    const lock = path.join(base, LOCKFILE);
    if (!fs.existsSync(lock)) fs.writeFileSync(lock, lockfileContent(provider));
    results.push({ provider, name: dirName, sql });
  }
  return results;
}
