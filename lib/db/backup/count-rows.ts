// Rows per table of a SQLite database file, for the restore report (what came
// back) and for comparing a backup with its source.
import Database from "better-sqlite3";

export function countRows(file: string): Record<string, number> {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = database.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (database.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n]));
  } finally {
    database.close();
  }
}
