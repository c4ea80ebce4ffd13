// Applies pending migrations to the configured database, recording them in
// Prisma's own _prisma_migrations table (so `prisma migrate deploy` can take
// over where the CLI can reach its engine). Idempotent.
import fs from "node:fs";
import path from "node:path";
import { withSchemaEngine } from "@/lib/db/migrate/engine";
import { EMPTY_FILTER, migrationList } from "@/lib/db/migrate/files";
import { pendingMigrations } from "@/lib/db/migrate/pending";
import { readSourceSchema, schemaFor } from "@/lib/db/migrate/schemas";
import type { DbTarget } from "@/lib/db/target";

export async function applyMigrations(target: DbTarget, log: (line: string) => void = () => {}, options: { upTo?: string } = {}): Promise<string[]> {
  if (target.provider === "sqlite") fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const full = migrationList(target.provider);
  // `upTo` applies only the migrations up to and including that one (upgrade tests)
  const list = options.upTo ? { ...full, migrationDirectories: full.migrationDirectories.filter((dir) => dir.path <= options.upTo!) } : full;
  if (list.migrationDirectories.length === 0) throw new Error(`No migrations found in ${list.baseDir}`);
  if (!options.upTo && (await pendingMigrations(target)).length === 0) return [];
  const schema = { path: "schema.prisma", text: schemaFor(target.provider, readSourceSchema()) };
  const result = await withSchemaEngine(
    target,
    schema,
    (engine) => engine.applyMigrations({ migrationsList: list, filters: EMPTY_FILTER }),
    log,
  );
  return result.appliedMigrationNames;
}
