// Inserts chained audit rows with one multi-row INSERT per chunk. Written by
// hand because Prisma's createMany costs ~0.3 ms of CPU per row (argument
// serialisation and query planning in its engine), which the token endpoint
// pays on every token; raw SQL costs a few microseconds. Values are bound as
// parameters, never interpolated. The chain's hashes are computed over what
// is read back (lib/audit/verify.ts), so a mismatch in how a value is stored
// would fail verification, and the audit tests verify the chain on both
// databases after raw inserts.
import { dbProvider } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";
import { FACET_COLUMNS, scopesOf, type AuditFacets } from "@/lib/audit/facets";
import type { ChainedFields } from "@/lib/audit/hash";

export type AuditRow = ChainedFields & { hash: string } & AuditFacets;

export const AUDIT_COLUMNS = [
  "seq",
  "id",
  "occurredAt",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "outcome",
  "requestId",
  "ip",
  "userAgent",
  "details",
  "prevHash",
  "hash",
  ...FACET_COLUMNS,
] as const;
/** 27 parameters a row; SQLite allows 32,766 per statement and PostgreSQL 65,535 */
export const ROWS_PER_STATEMENT = 500;

export function auditRowValues(row: AuditRow): unknown[] {
  return AUDIT_COLUMNS.map((column) => (column === "details" ? JSON.stringify(row.details) : row[column]));
}

/** The (scope, seq) rows of the scope index (AuditEventScope) for `rows`: one per scope each names. */
export function scopeIndexRows(rows: AuditRow[]): [string, bigint][] {
  const out: [string, bigint][] = [];
  for (const row of rows) {
    for (const scope of scopesOf(row.scope)) out.push([scope, row.seq]);
  }
  return out;
}

const SCOPE_ROWS_PER_STATEMENT = 1000;

export async function insertAuditRows(tx: Tx, rows: AuditRow[]): Promise<void> {
  const postgres = dbProvider() === "postgresql";
  const columns = AUDIT_COLUMNS.map((column) => `"${column}"`).join(", ");
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    let index = 0;
    const tuples = chunk.map(() => `(${AUDIT_COLUMNS.map((column) => (postgres ? `$${++index}${column === "details" ? "::jsonb" : ""}` : "?")).join(", ")})`);
    await tx.$executeRawUnsafe(`INSERT INTO "AuditEvent" (${columns}) VALUES ${tuples.join(", ")}`, ...chunk.flatMap(auditRowValues));
  }
  const scopes = scopeIndexRows(rows);
  for (let start = 0; start < scopes.length; start += SCOPE_ROWS_PER_STATEMENT) {
    const chunk = scopes.slice(start, start + SCOPE_ROWS_PER_STATEMENT);
    const tuples = chunk.map((_, index) => (postgres ? `($${index * 2 + 1}, $${index * 2 + 2})` : "(?, ?)"));
    await tx.$executeRawUnsafe(`INSERT INTO "AuditEventScope" ("scope", "seq") VALUES ${tuples.join(", ")}`, ...chunk.flat());
  }
}
