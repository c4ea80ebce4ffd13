// Applies pending migrations to the configured database, recording them in
// Prisma's own _prisma_migrations table (so `prisma migrate deploy` can take
// over where the CLI can reach its engine). Idempotent.
import fs from "node:fs";
import path from "node:path";
import { withSchemaEngine } from "@/lib/db/migrate/engine";
import { EMPTY_FILTER, migrationList } from "@/lib/db/migrate/files";
import { readSourceSchema, schemaFor } from "@/lib/db/migrate/schemas";
import type { DbTarget } from "@/lib/db/target";

export async function applyMigrations(target: DbTarget, log: (line: string) => void = () => {}): Promise<string[]> {
  if (target.provider === "sqlite") fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const list = migrationList(target.provider);
  if (list.migrationDirectories.length === 0) throw new Error(`No migrations found in ${list.baseDir}`);
  const schema = { path: "schema.prisma", text: schemaFor(target.provider, readSourceSchema()) };
  const result = await withSchemaEngine(
    target,
    schema,
    (engine) => engine.applyMigrations({ migrationsList: list, filters: EMPTY_FILTER }),
    log,
  );
  return result.appliedMigrationNames;
}
