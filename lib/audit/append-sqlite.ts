// appendAuditEvents for a synchronous better-sqlite3 transaction (see
// sqliteTransactionSync in lib/db/client.ts): the same chain, rows and policy
// revision as the Prisma path, written with prepared statements that are
// compiled once per connection. Only the token service's group commit uses it,
// because there Prisma's per-query cost was most of the work of a token.
// Values are stored as Prisma's SQLite adapter stores them (DateTime as
// ISO-8601 text with "+00:00", BigInt as INTEGER, Json as text), so both paths
// verify as one chain (tests/integration/audit-*.test.ts verify after both).
import { chainRows, movesPolicy, type AuditInput } from "@/lib/audit/append";
import type { ChainedFields } from "@/lib/audit/hash";
import { AUDIT_COLUMNS, auditRowValues, scopeIndexRows, type AuditRow } from "@/lib/audit/insert-rows";
import type { SqliteDatabase, SqliteStatement } from "@/lib/db/serialized-sqlite-adapter";
import { policyChangedHere } from "@/lib/policy/policy-cache";

const cache = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

/** A prepared statement for `sql` on `database`, compiled on first use. */
export function preparedStatement(database: SqliteDatabase, sql: string): SqliteStatement {
  let statements = cache.get(database);
  if (!statements) cache.set(database, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = database.prepare(sql)));
  return statement;
}

/** Prisma's SQLite adapter (timestampFormat "iso8601") writes a Date as this text. */
export const sqliteTimestamp = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** A chained row's column values (AUDIT_COLUMNS order) as Prisma's SQLite adapter stores them. */
export const sqliteAuditValues = (row: AuditRow): unknown[] => auditRowValues(row).map((value) => (value instanceof Date ? sqliteTimestamp(value) : value));

const INSERT_EVENT = `INSERT INTO "AuditEvent" (${AUDIT_COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES (${AUDIT_COLUMNS.map(() => "?").join(", ")})`;

export function appendAuditEventsSqlite(database: SqliteDatabase, inputs: AuditInput[]): ChainedFields[] {
  if (inputs.length === 0) return [];
  const head = preparedStatement(database, 'SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1').safeIntegers(true).get() as { seq: bigint; hash: string } | undefined;
  if (!head) throw new Error("The audit chain head is missing (run the migrations)");
  const rows = chainRows(head, inputs);
  const insert = preparedStatement(database, INSERT_EVENT);
  for (const row of rows) insert.run(...sqliteAuditValues(row));
  const insertScope = preparedStatement(database, 'INSERT INTO "AuditEventScope" ("scope", "seq") VALUES (?, ?)');
  for (const [scope, seq] of scopeIndexRows(rows)) insertScope.run(scope, seq);
  const last = rows[rows.length - 1]!;
  preparedStatement(database, 'UPDATE "AuditHead" SET "seq" = ?, "hash" = ? WHERE "id" = 1').run(last.seq, last.hash);
  if (movesPolicy(inputs)) {
    preparedStatement(database, 'UPDATE "PolicyState" SET "revision" = "revision" + 1, "changedAt" = ? WHERE "id" = 1').run(sqliteTimestamp(new Date()));
    // the caller's transaction commits before the awaiting code resumes; dropping now and on resume covers both sides
    policyChangedHere();
    queueMicrotask(policyChangedHere);
  }
  return rows;
}
