// `warden backup <file>` and `warden restore <file>`: argument checks and
// reporting; the work is in lib/db/backup. Neither migrates the configured
// database first (a backup is taken as it is; a restore brings its own).
import path from "node:path";
import { parseArgs } from "node:util";
import { verifyAuditChain } from "@/lib/audit/verify";
import { dataDir, env } from "@/lib/config/env";
import { backupDatabase, type SqliteTarget } from "@/lib/db/backup/backup-database";
import { checkSigningKeys } from "@/lib/db/backup/check-signing-keys";
import { countRows } from "@/lib/db/backup/count-rows";
import { postgresGuidance } from "@/lib/db/backup/postgres-guidance";
import { restoreDatabase } from "@/lib/db/backup/restore-database";
import { db, disconnectDb } from "@/lib/db/client";
import { describeTarget, resolveDbTarget } from "@/lib/db/target";
import { printChainReport } from "@/scripts/cli/print-chain-report";
import { UsageError } from "@/scripts/cli/usage-error";

function parseFileArgs(command: string, args: string[]): { file: string; force: boolean } {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { force: { type: "boolean", default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file?.trim()) throw new UsageError(`${command} needs the backup file: npm run warden -- ${command} <file> [--force]`);
  if (extra.length) throw new UsageError(`${command} takes one file; unexpected ${extra.join(" ")}`);
  // `npm run` starts in the project root; a relative path means one from where the command was typed
  return { file: path.resolve(process.env.INIT_CWD ?? process.cwd(), file.trim()), force: parsed.values.force };
}

const MIB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

function printCounts(file: string): void {
  const rows = countRows(file);
  const total = Object.values(rows).reduce((sum, count) => sum + count, 0);
  const of = (table: string) => rows[table] ?? 0;
  console.log(
    `Contents: ${of("User")} users, ${of("Identity")} identities, ${of("Grant")} grants, ${of("AuditEvent")} audit events; ${total} rows in ${Object.keys(rows).length} tables.`,
  );
}

async function restore(target: SqliteTarget, file: string, force: boolean): Promise<number> {
  const result = await restoreDatabase({ backup: file, target, force });
  console.log(`Restored ${file} into ${describeTarget(target)}.`);
  if (result.setAside) console.log(`The database it replaced is kept as ${result.setAside}.`);
  console.log(result.migrated.length ? `Upgraded by ${result.migrated.length} migrations: ${result.migrated.join(", ")}.` : `Schema up to date (${result.inspection.applied.length} migrations).`);
  printCounts(target.file);
  try {
    const keys = await checkSigningKeys(db(), { configuredKek: env().WARDEN_KEK, dataDir: dataDir() });
    if (keys.kek === "missing" && keys.total > 0) {
      console.error(`No key-encryption key: WARDEN_KEK is not set and ${path.join(dataDir(), "kek")} does not exist, so the ${keys.total} restored signing keys cannot be opened.`);
      console.error("Set WARDEN_KEK (or copy the kek file of the data directory the backup came from), then run: npm run warden -- audit verify");
      return 1;
    }
    if (keys.unreadable.length) {
      console.error(`${keys.unreadable.length} of ${keys.total} restored signing keys do not open with this key-encryption key: use the WARDEN_KEK (or kek file) the backup was taken with.`);
    }
    const code = printChainReport(await verifyAuditChain(db()));
    return keys.unreadable.length ? 1 : code;
  } finally {
    await disconnectDb();
  }
}

export async function runBackupCommand(command: "backup" | "restore", args: string[]): Promise<number> {
  const { file, force } = parseFileArgs(command, args);
  const target = resolveDbTarget();
  if (target.provider === "postgresql") {
    for (const line of postgresGuidance(command, target.url, file)) console.log(line);
    return 2;
  }
  if (command === "restore") return restore(target, file, force);
  const result = await backupDatabase({ target, destination: file, force });
  console.log(`Backed up ${describeTarget(target)} to ${result.file} (${size(result.bytes)}, ${result.migrations} migrations, ${result.durationMs} ms).`);
  console.log("The backup holds sealed signing keys but not the key-encryption key: keep WARDEN_KEK (or the data directory's kek file) safe separately.");
  return 0;
}
