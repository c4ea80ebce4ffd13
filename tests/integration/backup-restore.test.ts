// `npm run warden -- backup|restore` end to end. SQLite: a backup taken while
// the app's connection is open (part of the data only in the WAL) and while it
// keeps writing restores into a fresh data directory with every table's rows,
// a verifying audit chain (anchor included) and the same head; restore refuses
// an existing or in-use database, and files that are not Warden databases; a
// backup from the first release comes back upgraded.
// PostgreSQL: both commands print the pg_dump / pg_restore commands for the
// configured database without its password, and exit 2.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, inject, it } from "vitest";
import { anchorAuditChainNow } from "@/lib/audit/anchor/anchor-now";
import { verifyAuditChain } from "@/lib/audit/verify";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { countRows } from "@/lib/db/backup/count-rows";
import { readMigrations } from "@/lib/db/migrate/files";
import { createClient, db } from "@/lib/db/client";
import type { DbTarget } from "@/lib/db/target";
import { createGrant } from "@/lib/grants/create-grant";
import { seedIdentity, seedUser } from "@/lib/seed/factories";
import { keyEncryptionKey } from "@/lib/signing-keys/kek";
import { append, realisticEvents } from "./helpers/audit-integrity";
import { firstSchemaFixture, insertFixture } from "./helpers/first-schema-fixture";
import { withFreshDatabase, withFreshDatabaseAt } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { runWarden } from "./helpers/warden-cli";

const provider = inject("databaseTarget").provider;
const tempDirs: string[] = [];
const tempDir = (label: string) => tempDirs[tempDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), `warden-${label}-`))) - 1]!;
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const sqliteFile = (target: DbTarget) => (target.provider === "sqlite" ? target.file : "");

/** Two users, four identities, a catalog, a grant, an anchor of the audit chain, and events after it. */
async function seedEstate(): Promise<void> {
  const owner = await seedUser();
  await seedUser({ role: "admin" });
  const agent = await seedIdentity({ kind: "agent", owner });
  const server = await seedIdentity({ kind: "server", owner });
  await seedIdentity({ kind: "resource", owner });
  const proposal = await createProposal({ actor: SYSTEM_ACTOR, serverId: server.id, input: { source: "manual", tools: [{ name: "read_ledger" }, { name: "post_entry" }] } });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId: server.id, proposalId: proposal.id });
  const tools = await db().tool.findMany({ where: { serverId: server.id }, orderBy: { name: "asc" } });
  await reviewTools({ actor: SYSTEM_ACTOR, serverId: server.id, input: { decisions: tools.map((tool) => ({ toolId: tool.id, tier: "read" as const })) } });
  await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: server.id, toolIds: tools.map((tool) => tool.id), justification: "backup fixture" } });
  await anchorAuditChainNow({ actor: SYSTEM_ACTOR });
  await seedIdentity({ kind: "gateway", owner });
  await append(db(), realisticEvents(12));
}

async function chainOf(file: string) {
  const client = createClient({ provider: "sqlite", file });
  try {
    return await verifyAuditChain(client);
  } finally {
    await client.$disconnect();
  }
}

describe.runIf(provider === "sqlite")("backup and restore (SQLite)", () => {
  it("restores a backup taken while Warden runs with every row and a verifying audit chain", async () => {
    await withFreshDatabase((_client, target) =>
      withGlobalDatabase(target, async () => {
        const source = sqliteFile(target);
        await seedEstate();
        const cli = (args: string[], dataDir: string) => runWarden(args, { WARDEN_DATA_DIR: dataDir, DATABASE_URL: "", WARDEN_KEK: keyEncryptionKey().toString("base64url") });
        // the app's connection is open and recent writes sit in the WAL, not yet in warden.db
        expect(fs.statSync(`${source}-wal`).size).toBeGreaterThan(0);

        const backupFile = path.join(tempDir("backup"), "warden-backup.db");
        const backup = await cli(["backup", backupFile], path.dirname(source));
        expect(backup.stderr).toBe("");
        expect(backup).toMatchObject({ code: 0, stdout: expect.stringContaining(`to ${backupFile}`) });
        const before = countRows(source);
        expect(before).toMatchObject({ User: 2, Identity: 4, Grant: 1, GrantTool: 2, AuditAnchor: 1, SigningKey: 2 });
        const events = before.AuditEvent ?? 0;
        expect(events).toBeGreaterThan(20);

        const restoredDir = tempDir("restored");
        const restored = await cli(["restore", backupFile], restoredDir);
        expect(restored.stderr).toBe("");
        expect(restored.code).toBe(0);
        expect(restored.stdout).toContain(`Contents: 2 users, 4 identities, 1 grants, ${events} audit events`);
        expect(restored.stdout).toMatch(new RegExp(`Audit chain intact: ${events} events verified`));
        const restoredFile = path.join(restoredDir, "warden.db");
        expect(countRows(restoredFile)).toEqual(before);
        const report = await chainOf(restoredFile);
        expect(report).toMatchObject({ ok: true, checked: events, anchorsChecked: 1 });
        expect(report.headHash).toBe((await db().auditHead.findUniqueOrThrow({ where: { id: 1 } })).hash);

        // a backup taken while events keep being appended is one consistent snapshot
        const duringFile = path.join(path.dirname(backupFile), "during.db");
        let writing = true;
        let batches = 0;
        const during = cli(["backup", duringFile], path.dirname(source)).finally(() => (writing = false));
        while (writing) {
          await append(db(), realisticEvents(3));
          batches += 1;
          // SQLite calls resolve without reaching the event loop: let the child's exit be seen
          await new Promise((resolve) => setImmediate(resolve));
        }
        expect((await during).code).toBe(0);
        expect(batches).toBeGreaterThan(0);
        const snapshot = await chainOf(duringFile);
        expect(snapshot.ok).toBe(true);
        expect(snapshot.checked).toBeGreaterThanOrEqual(events);
        expect(snapshot.checked).toBeLessThanOrEqual(events + 3 * batches);
      }),
    );
  }, 120_000);

  it("refuses to replace an existing or open database, and files that are not Warden backups", async () => {
    await withFreshDatabase(async (client, target) => {
      const dataDir = path.dirname(sqliteFile(target));
      const cli = (args: string[], dir = dataDir) => runWarden(args, { WARDEN_DATA_DIR: dir, DATABASE_URL: "", WARDEN_KEK: keyEncryptionKey().toString("base64url") });
      const files = tempDir("restore-refusals");
      const backupFile = path.join(files, "backup.db");
      expect((await cli(["backup", backupFile])).code).toBe(0);
      expect(await cli(["backup", backupFile])).toMatchObject({ code: 1, stderr: expect.stringContaining("already exists; pass --force") });
      expect((await cli(["restore"])).code).toBe(2);

      await client.user.count(); // the app has the database open
      const refused = await cli(["restore", backupFile]);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/A database already exists at .*warden\.db.*--force/) });
      const inUse = await cli(["restore", backupFile, "--force"]);
      expect(inUse).toMatchObject({ code: 1, stderr: expect.stringContaining("is in use") });
      expect(fs.readdirSync(dataDir).filter((name) => name.includes("restor"))).toEqual([]);

      const notSqlite = path.join(files, "notes.txt");
      fs.writeFileSync(notSqlite, "not a database\n");
      const otherApp = path.join(files, "other.db");
      new Database(otherApp).exec("CREATE TABLE things (id INTEGER PRIMARY KEY); INSERT INTO things VALUES (1)").close();
      const truncated = path.join(files, "truncated.db");
      fs.writeFileSync(truncated, fs.readFileSync(backupFile).subarray(0, 3 * 4096));
      const empty = tempDir("restore-empty");
      for (const [file, reason] of [
        [notSqlite, /is not a SQLite database/],
        [otherApp, /is a SQLite database but not Warden's/],
        [truncated, /is damaged|is not a readable SQLite database/],
        [path.join(files, "missing.db"), /No file at/],
      ] as const) {
        const result = await cli(["restore", file], empty);
        expect(result.code, file).toBe(1);
        expect(result.stderr).toMatch(reason);
      }
      expect(fs.readdirSync(empty)).toEqual([]);

      // once the app has stopped, --force replaces the database and keeps the old one
      await client.$disconnect();
      const forced = await cli(["restore", backupFile, "--force"]);
      expect(forced.code).toBe(0);
      expect(forced.stdout).toMatch(/The database it replaced is kept as .*warden\.db\.pre-restore-\d{8}T\d{6}\.\d{3}Z\./);
      expect(fs.readdirSync(dataDir).filter((name) => name.startsWith("warden.db.pre-restore-"))).toHaveLength(1);
    });
  }, 120_000);
});

describe.runIf(provider === "sqlite")("restoring a backup from an older Warden (SQLite)", () => {
  it("upgrades it with the remaining migrations and verifies its chain", async () => {
    const [first, ...later] = readMigrations("sqlite");
    await withFreshDatabaseAt(first!.name, async (client, target) => {
      await insertFixture(client, "sqlite", firstSchemaFixture({ passwordHash: "unused", now: new Date() }).tables);
      await client.$disconnect();
      const before = countRows(sqliteFile(target));
      const cli = (args: string[], dataDir: string) => runWarden(args, { WARDEN_DATA_DIR: dataDir, DATABASE_URL: "" });
      const backupFile = path.join(tempDir("old-backup"), "first-release.db");
      expect((await cli(["backup", backupFile], path.dirname(sqliteFile(target)))).stdout).toContain("1 migrations");
      const restoredDir = tempDir("old-restored");
      const restored = await cli(["restore", backupFile], restoredDir);
      expect(restored.stderr).toBe("");
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain(`Upgraded by ${later.length} migrations: ${later.map((migration) => migration.name).join(", ")}.`);
      expect(restored.stdout).toContain("Contents: 3 users, 2 identities, 0 grants, 3 audit events");
      expect(restored.stdout).toContain("Audit chain intact: 3 events verified");
      const after = countRows(path.join(restoredDir, "warden.db"));
      for (const table of ["User", "Account", "Session", "ApiToken", "Identity", "AuditEvent", "AuditHead"]) expect(after[table], table).toBe(before[table]);
      expect(after._prisma_migrations).toBe(1 + later.length);
    });
  }, 120_000);
});

describe.runIf(provider === "postgresql")("backup and restore (PostgreSQL)", () => {
  it("print the pg_dump and pg_restore commands for the configured database without its password, and exit 2", async () => {
    const target = inject("databaseTarget");
    const url = new URL(target.provider === "postgresql" ? target.url : "");
    const withPassword = new URL(url);
    withPassword.password = "s3cret-pw";
    const file = path.join(os.tmpdir(), "warden dump.pgc");
    const dbname = `--dbname=${url.toString()}`;
    const backup = await runWarden(["backup", file], { DATABASE_URL: withPassword.toString() });
    expect(backup.code).toBe(2);
    expect(backup.stdout).toContain(`  pg_dump --format=custom ${dbname} '--file=${file}'\n`);
    const restore = await runWarden(["restore", file], { DATABASE_URL: withPassword.toString() });
    expect(restore.code).toBe(2);
    expect(restore.stdout).toContain(`  pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error ${dbname} '${file}'\n  npm run warden -- migrate\n`);
    for (const output of [backup, restore]) expect(output.stdout + output.stderr).not.toContain("s3cret-pw");
  }, 60_000);
});
