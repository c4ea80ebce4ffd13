// The committed migrations match prisma/schema.prisma for this provider, apply
// to an empty database, are idempotent, and are recorded where `prisma migrate
// deploy` looks for them.
import { inject, describe, expect, it } from "vitest";
import { lastSnapshot, withDiffTarget } from "@/lib/db/migrate/create";
import { diffSchemas, isEmptyDiff } from "@/lib/db/migrate/diff";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { readMigrations } from "@/lib/db/migrate/files";
import { readSourceSchema, schemaFor } from "@/lib/db/migrate/schemas";
import { withFreshDatabase, withFreshDatabaseAt } from "./helpers/fresh-database";

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

describe(`upgrade path (${provider})`, () => {
  it("upgrades a database from the first migration with its data intact", async () => {
    const [first] = readMigrations(provider);
    await withFreshDatabaseAt(first!.name, async (client, target) => {
      // data as the foundation release wrote it (raw SQL: today's client knows only the newest schema)
      const now = provider === "sqlite" ? "'2026-11-20T10:00:00.000+00:00'" : "TIMESTAMP '2026-11-20 10:00:00'";
      await client.$executeRawUnsafe(`INSERT INTO "User" ("id", "email", "name", "role", "searchText", "createdAt", "updatedAt") VALUES ('usr_01aaaaaaaaaaaaaaaaaaaaaaaa', 'old@example.test', 'Old Owner', 'owner', 'old@example.test old owner', ${now}, ${now})`);
      await client.$executeRawUnsafe(
        `INSERT INTO "Identity" ("id", "kind", "name", "description", "resourceUri", "ownerId", "searchText", "createdAt", "updatedAt") VALUES ('srv_01aaaaaaaaaaaaaaaaaaaaaaaa', 'server', 'Legacy MCP', 'from the foundation', 'https://legacy.example.test/mcp', 'usr_01aaaaaaaaaaaaaaaaaaaaaaaa', 'legacy mcp', ${now}, ${now})`,
      );
      // the schema engine needs the database to itself (SQLite: an exclusive lock)
      await client.$disconnect();
      const applied = await applyMigrations(target);
      expect(applied).toEqual(readMigrations(provider).slice(1).map((migration) => migration.name));
      const server = await client.identity.findUniqueOrThrow({ where: { id: "srv_01aaaaaaaaaaaaaaaaaaaaaaaa" }, include: { owner: true } });
      expect(server).toMatchObject({
        kind: "server",
        slug: "srv_01aaaaaaaaaaaaaaaaaaaaaaaa",
        name: "Legacy MCP",
        description: "from the foundation",
        resourceUri: "https://legacy.example.test/mcp",
        status: "active",
        transport: "streamable_http",
        environment: "development",
        owner: { email: "old@example.test" },
      });
      expect(server.approvedAt?.toISOString()).toBe("2026-11-20T10:00:00.000Z");
      expect(server.searchText).toContain("srv_01aaaaaaaaaaaaaaaaaaaaaaaa");
    });
  });
});
