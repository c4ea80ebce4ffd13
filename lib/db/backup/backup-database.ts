// Backs up the embedded SQLite database with SQLite's online backup API, which
// copies a consistent snapshot (WAL content included) while Warden keeps
// running: the copy is one read transaction, and in WAL mode readers never
// block writers. The result is written beside the destination and renamed into
// place, so a file at the destination is always a complete, checked backup.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { inspectBackup } from "@/lib/db/backup/inspect-backup";
import { SQLITE_SIDECARS } from "@/lib/db/backup/set-aside-database";
import type { DbTarget } from "@/lib/db/target";

export type SqliteTarget = Extract<DbTarget, { provider: "sqlite" }>;
export type BackupResult = { file: string; bytes: number; migrations: number; durationMs: number };

// all pages in one step: a step-wise copy restarts whenever another connection writes
const ALL_PAGES = 0x7fffffff;

function checkDestination(source: string, destination: string, force: boolean): void {
  if ([source, ...SQLITE_SIDECARS.map((suffix) => source + suffix)].includes(destination)) {
    throw new Error(`${destination} is the live database itself; choose another file for the backup`);
  }
  const stat = fs.statSync(destination, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new Error(`${destination} is a directory; give the backup's file name`);
  if (stat && !force) throw new Error(`${destination} already exists; pass --force to overwrite it`);
  if (!fs.statSync(path.dirname(destination), { throwIfNoEntry: false })?.isDirectory()) throw new Error(`The directory ${path.dirname(destination)} does not exist`);
}

export async function backupDatabase(options: { target: SqliteTarget; destination: string; force?: boolean }): Promise<BackupResult> {
  const started = performance.now();
  const source = options.target.file;
  const destination = path.resolve(options.destination);
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}: nothing to back up (check WARDEN_DATA_DIR)`);
  checkDestination(source, destination, options.force ?? false);
  const partial = `${destination}.partial-${process.pid}`;
  const removePartial = () => ["", ...SQLITE_SIDECARS].forEach((suffix) => fs.rmSync(partial + suffix, { force: true }));
  removePartial();
  try {
    const live = new Database(source, { fileMustExist: true, timeout: 10_000 });
    try {
      await live.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      live.close();
    }
    // one self-contained file: the copy inherits WAL mode, which would need -wal/-shm beside it
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    const { applied } = inspectBackup(partial);
    fs.renameSync(partial, destination);
    return { file: destination, bytes: fs.statSync(destination).size, migrations: applied.length, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    removePartial();
    throw error;
  }
}
