// On PostgreSQL, backup and restore are the database's own tools' job (pg_dump
// and pg_restore are consistent, streamable and what operators already run).
// Warden prints the exact commands for the configured database — with the
// password taken out of the URL: the tools read it from PGPASSWORD or ~/.pgpass.

/** The connection URL without its password (in the user part or as a `password` parameter). */
export function urlWithoutPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = "";
  parsed.searchParams.delete("password");
  return parsed.toString();
}

/** Quoted for a POSIX shell. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@=,+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function postgresGuidance(operation: "backup" | "restore", url: string, file: string): string[] {
  const dbname = shellQuote(`--dbname=${urlWithoutPassword(url)}`);
  const password = "The password is not shown: pg_dump and pg_restore read it from PGPASSWORD or ~/.pgpass.";
  if (operation === "backup") {
    return [
      "Warden uses PostgreSQL here; back it up with pg_dump (a consistent snapshot while Warden runs):",
      "",
      `  pg_dump --format=custom ${dbname} ${shellQuote(`--file=${file}`)}`,
      "",
      password,
      "The dump holds Warden's signing keys sealed with WARDEN_KEK, which it does not contain: keep that key safe separately.",
    ];
  }
  return [
    "Warden uses PostgreSQL here; restore with pg_restore. Stop every Warden instance first, then:",
    "",
    `  pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error ${dbname} ${shellQuote(file)}`,
    "  npm run warden -- migrate",
    "  npm run warden -- audit verify",
    "",
    password,
    "migrate upgrades a backup from an older Warden; audit verify checks the restored audit chain (it needs the same WARDEN_KEK as when the backup was taken).",
  ];
}
