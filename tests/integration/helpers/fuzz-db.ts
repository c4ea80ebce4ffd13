// A cheap fingerprint of every table, for the API fuzzer's "a refused request
// wrote nothing" check: one query (UNION ALL over the tables the database
// lists) that, per table, counts the rows and sums up each column — numbers
// summed, booleans counted, dates counted and their maximum taken, text
// counted and its total length. An insert or delete changes the count; an
// update almost always changes a sum, a count of non-null dates, or a maximum
// (@updatedAt columns). JSON columns only count as null or not (summing their
// length each request would cost more than it finds). The append-only audit
// tables are counted only; their content is what verifyAuditChain checks.
//
// The query runs on its own connection as a prepared statement (planning it
// costs more than running it), taken thousands of times per run.
import Database from "better-sqlite3";
import pg from "pg";
import type { DbTarget } from "@/lib/db/target";

type Column = { name: string; type: string };
export type Fingerprint = Map<string, string>;
export type Change = { table: string; parts: string[] };

/** Columns that change on every authenticated request by design (session touch, token last use). */
const VOLATILE: Record<string, string[]> = { Session: ["lastSeenAt"], ApiToken: ["lastUsedAt"] };
const COUNT_ONLY = new Set(["AuditEvent", "AuditEventScope"]);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** [part name, SQL aggregate] per column. */
function columnParts(column: Column): [string, string][] {
  const type = column.type.toLowerCase();
  const c = quote(column.name);
  const name = column.name;
  if (/json/.test(type)) return [[`${name}:set`, `count(${c})`]];
  if (/bool/.test(type)) return [[`${name}:true`, `sum(CASE WHEN ${c} THEN 1 ELSE 0 END)`]];
  if (/int|serial|numeric|decimal|real|double|float/.test(type)) return [[`${name}:sum`, `sum(${c})`]];
  if (/date|time/.test(type)) return [[`${name}:set`, `count(${c})`], [`${name}:max`, `max(${c})`]];
  // text, and PostgreSQL enums (USER-DEFINED), which length() takes only as text
  return [[`${name}:set`, `count(${c})`], [`${name}:length`, `sum(length(CAST(${c} AS TEXT)))`]];
}

type Connection = { columns: () => Promise<[string, Column][]>; query: (sql: string) => Promise<{ t: string; f: string }[]>; close: () => Promise<void> };

async function connect(target: DbTarget): Promise<Connection> {
  if (target.provider === "sqlite") {
    const sqlite = new Database(target.file, { readonly: true, fileMustExist: true });
    let statement: Database.Statement | undefined;
    return {
      columns: async () => {
        const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name`).all() as { name: string }[];
        return tables.flatMap(({ name }) => (sqlite.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(name) as Column[]).map((column): [string, Column] => [name, column]));
      },
      query: async (sql) => {
        statement ??= sqlite.prepare(sql);
        return statement.all() as { t: string; f: string }[];
      },
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  return {
    columns: async () =>
      (
        await client.query<{ table_name: string; column_name: string; data_type: string }>(
          `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
           WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE '\\_%' ORDER BY c.table_name, c.ordinal_position`,
        )
      ).rows.map((row): [string, Column] => [row.table_name, { name: row.column_name, type: row.data_type }]),
    // a named statement is prepared once per connection
    query: async (sql) => (await client.query<{ t: string; f: string }>({ name: "fuzz_fingerprint", text: sql })).rows,
    close: () => client.end(),
  };
}

export async function fingerprinter(target: DbTarget) {
  const connection = await connect(target);
  const tables = new Map<string, Column[]>();
  for (const [table, column] of await connection.columns()) tables.set(table, [...(tables.get(table) ?? []), column]);
  const names = new Map<string, string[]>();
  const selects = [...tables].map(([table, columns]) => {
    const parts: [string, string][] = [["rows", "count(*)"], ...(COUNT_ONLY.has(table) ? [] : columns.filter((column) => !VOLATILE[table]?.includes(column.name)).flatMap(columnParts))];
    names.set(table, parts.map(([name]) => name));
    const fingerprint = parts.map(([, sql]) => `COALESCE(CAST(${sql} AS TEXT), '-')`).join(` || '|' || `);
    return `SELECT '${table.replace(/'/g, "''")}' AS t, ${fingerprint} AS f FROM ${quote(table)}`;
  });
  const sql = selects.join("\nUNION ALL\n");
  return {
    tables: [...tables.keys()],
    take: async (): Promise<Fingerprint> => new Map((await connection.query(sql)).map((row) => [row.t, row.f])),
    /** The tables whose fingerprint differs, and which parts of it ("rows", "name:length", "updatedAt:max"…). */
    changes: (before: Fingerprint, after: Fingerprint): Change[] =>
      [...new Set([...before.keys(), ...after.keys()])].flatMap((table) => {
        const [from, to] = [before.get(table)?.split("|") ?? [], after.get(table)?.split("|") ?? []];
        const parts = (names.get(table) ?? []).filter((_, index) => from[index] !== to[index]);
        return parts.length ? [{ table, parts }] : [];
      }),
    close: () => connection.close(),
  };
}
