// Restores a backup into the configured data directory: the file is checked
// (inspectBackup), copied beside the database with SQLite's backup API, put in
// place — an existing database only with `force`, and then kept under a
// `.pre-restore-<time>` name rather than deleted — and migrated, so a backup
// from an older Warden is upgraded like a database that was never away.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { SqliteTarget } from "@/lib/db/backup/backup-database";
import { inspectBackup, type BackupInspection } from "@/lib/db/backup/inspect-backup";
import { existingDatabaseFiles, setAsideDatabase, SQLITE_SIDECARS } from "@/lib/db/backup/set-aside-database";
import { applyMigrations } from "@/lib/db/migrate/apply";

export type RestoreResult = { inspection: BackupInspection; setAside: string | null; migrated: string[] };

const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, "");

export async function restoreDatabase(options: { backup: string; target: SqliteTarget; force?: boolean; now?: Date }): Promise<RestoreResult> {
  const backup = path.resolve(options.backup);
  const target = options.target.file;
  if ([target, ...SQLITE_SIDECARS.map((suffix) => target + suffix)].includes(backup)) throw new Error(`${backup} is the configured database itself`);
  const inspection = inspectBackup(backup);
  const existing = existingDatabaseFiles(target);
  if (existing.length && !options.force) {
    throw new Error(`A database already exists at ${target}; restoring would replace it. Stop Warden and pass --force to replace it (the current one is kept beside it, renamed).`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const incoming = `${target}.restoring-${process.pid}`;
  const removeIncoming = () => ["", ...SQLITE_SIDECARS].forEach((suffix) => fs.rmSync(incoming + suffix, { force: true }));
  removeIncoming();
  let setAside: string | null = null;
  try {
    const source = new Database(backup, { readonly: true, fileMustExist: true });
    try {
      await source.backup(incoming);
    } finally {
      source.close();
    }
    setAside = setAsideDatabase(target, `.pre-restore-${stamp(options.now ?? new Date())}`);
    fs.renameSync(incoming, target);
  } catch (error) {
    removeIncoming();
    throw error;
  }
  const migrated = await applyMigrations(options.target);
  return { inspection, setAside, migrated };
}
