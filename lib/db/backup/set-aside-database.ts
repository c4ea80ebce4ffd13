// Moves an existing SQLite database out of the way (restore --force) instead of
// deleting it. It must not be in use: every connection to a WAL database holds
// a shared lock on the file for as long as it is open, so taking an exclusive
// lock tells whether Warden (or anything else) still has it open. Under that
// lock the WAL is folded into the file, which is then one self-contained copy.
import fs from "node:fs";
import Database from "better-sqlite3";

export const SQLITE_SIDECARS = ["-wal", "-shm", "-journal"] as const;

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

/** The database file and whichever of its sidecar files exist. */
export function existingDatabaseFiles(file: string): string[] {
  return [file, ...SQLITE_SIDECARS.map((suffix) => file + suffix)].filter((candidate) => fs.existsSync(candidate));
}

function consolidate(file: string): void {
  let database: Database.Database | null = null;
  try {
    database = new Database(file, { fileMustExist: true, timeout: 1000 });
    database.pragma("locking_mode = EXCLUSIVE");
    database.exec("BEGIN EXCLUSIVE; COMMIT");
    database.pragma("wal_checkpoint(TRUNCATE)");
    database.pragma("journal_mode = DELETE");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") {
      throw new DatabaseInUseError(`The database ${file} is in use (is Warden running?); stop every Warden process on this data directory first`);
    }
    // a damaged database (often the reason for restoring) is moved aside as it is
  } finally {
    database?.close();
  }
}

/** Renames the database (and any leftover sidecars) to `<file><suffix>`; returns the new name, or null when there was none. */
export function setAsideDatabase(file: string, suffix: string): string | null {
  if (existingDatabaseFiles(file).length === 0) return null;
  const aside = file + suffix;
  if (existingDatabaseFiles(aside).length) throw new Error(`${aside} already exists; not overwriting it`);
  if (fs.existsSync(file)) consolidate(file);
  for (const from of existingDatabaseFiles(file)) fs.renameSync(from, aside + from.slice(file.length));
  return aside;
}
