// Datamodel-to-datamodel diffs: the SQL that takes a database from one schema
// text to another. Touches no data; on PostgreSQL the engine still needs a live
// connection, so callers pass a throwaway database.
import { withSchemaEngine } from "@/lib/db/migrate/engine";
import { EMPTY_FILTER } from "@/lib/db/migrate/files";
import type { DbTarget } from "@/lib/db/target";

export async function diffSchemas(target: DbTarget, from: string | null, to: string): Promise<string> {
  const result = await withSchemaEngine(target, { path: "schema.prisma", text: to }, (engine) =>
    engine.diff({
      from: from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: EMPTY_FILTER,
    }),
  );
  return result.stdout ?? "";
}

/** True when a diff script contains no statements (only comments or whitespace). */
export function isEmptyDiff(sql: string): boolean {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}
