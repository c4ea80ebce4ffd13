// The committed migrations match prisma/schema.prisma for this provider, apply
// to an empty database, are idempotent, and are recorded where `prisma migrate
// deploy` looks for them.
import { inject, describe, expect, it } from "vitest";
import { lastSnapshot, withDiffTarget } from "@/lib/db/migrate/create";
import { diffSchemas, isEmptyDiff } from "@/lib/db/migrate/diff";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { readMigrations } from "@/lib/db/migrate/files";
import { readSourceSchema, schemaFor } from "@/lib/db/migrate/schemas";
import { withFreshDatabase } from "./helpers/fresh-database";

const provider = inject("databaseTarget").provider;

describe(`migrations (${provider})`, () => {
  it("have a snapshot equal to the current schema (no drift)", async () => {
    const current = schemaFor(provider, readSourceSchema());
    const sql = await withDiffTarget(provider, (target) => diffSchemas(target, lastSnapshot(provider), current));
    expect(isEmptyDiff(sql), `prisma/schema.prisma changed without a migration; run npm run db:migration:create <name>.\nPending SQL:\n${sql}`).toBe(true);
  });

  it("would detect drift: a changed schema yields SQL", async () => {
    const changed = schemaFor(provider, readSourceSchema()).replace("model AuditHead {", "model AuditHead {\n  note String?");
    const sql = await withDiffTarget(provider, (target) => diffSchemas(target, lastSnapshot(provider), changed));
    expect(isEmptyDiff(sql)).toBe(false);
    expect(sql).toMatch(/note/);
  });

  it("apply to an empty database once, then nothing is pending", async () => {
    await withFreshDatabase(async (client, target) => {
      expect(await applyMigrations(target)).toEqual([]);
      const rows = await client.$queryRawUnsafe<{ migration_name: string; finished_at: unknown; checksum: string }[]>(
        'SELECT migration_name, finished_at, checksum FROM "_prisma_migrations" ORDER BY migration_name',
      );
      expect(rows.map((row) => row.migration_name)).toEqual(readMigrations(provider).map((migration) => migration.name));
      for (const row of rows) {
        expect(row.finished_at).not.toBeNull();
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      }
      const head = await client.auditHead.findUnique({ where: { id: 1 } });
      expect(head).toEqual({ id: 1, seq: 0n, hash: "0".repeat(64) });
    });
  });
});
