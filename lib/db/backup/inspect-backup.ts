// Checks that a file is a Warden SQLite database before anything is restored
// from it: the SQLite header, `PRAGMA integrity_check`, and Prisma's migration
// table naming Warden's first migration. Backups made by a newer Warden (with
// migrations this version does not know) are refused: migrations only go forward.
import fs from "node:fs";
import Database from "better-sqlite3";
import { readMigrations } from "@/lib/db/migrate/files";

const SQLITE_HEADER = "SQLite format 3\0";

export type BackupInspection = {
  /** migrations the backup has applied, oldest first */
  applied: string[];
  /** migrations this Warden has and the backup lacks: applied after the restore */
  pending: string[];
};

function readHeader(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString("latin1");
  } finally {
    fs.closeSync(fd);
  }
}

export function inspectBackup(file: string): BackupInspection {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new Error(`No file at ${file}`);
  if (!stat.isFile()) throw new Error(`${file} is not a file`);
  if (readHeader(file) !== SQLITE_HEADER) throw new Error(`${file} is not a SQLite database, so not a Warden backup`);

  let database: Database.Database | null = null;
  try {
    database = new Database(file, { readonly: true, fileMustExist: true });
    const problems = (database.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems[0] !== "ok") throw new Error(`${file} is damaged (integrity_check: ${problems.slice(0, 3).join("; ")})`);
    const table = database.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!table) throw new Error(`${file} is a SQLite database but not Warden's: it has no _prisma_migrations table`);
    const rows = database
      .prepare(`SELECT migration_name AS name, finished_at AS finished FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY migration_name`)
      .all() as { name: string; finished: unknown }[];
    const known = readMigrations("sqlite").map((migration) => migration.name);
    const applied = rows.filter((row) => row.finished !== null).map((row) => row.name);
    if (!applied.includes(known[0]!)) throw new Error(`${file} is a Prisma database but not Warden's: it lacks Warden's first migration ${known[0]}`);
    const unfinished = rows.filter((row) => row.finished === null).map((row) => row.name);
    if (unfinished.length) throw new Error(`${file} has migrations that did not finish (${unfinished.join(", ")}): it was taken from a failed upgrade`);
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length) throw new Error(`${file} was made by a newer Warden (migrations ${unknown.join(", ")} are unknown here): upgrade Warden before restoring it`);
    return { applied, pending: known.filter((name) => !applied.includes(name)) };
  } catch (error) {
    // SQLITE_NOTADB and friends: a file with a SQLite header but garbage after it
    if ((error as { code?: string }).code?.startsWith("SQLITE_")) throw new Error(`${file} is not a readable SQLite database (${(error as Error).message})`);
    throw error;
  } finally {
    database?.close();
  }
}
