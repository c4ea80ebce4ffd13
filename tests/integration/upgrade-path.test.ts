// A database from Warden's first release survives every later migration: rows
// of each table of the first migration, inserted with raw SQL into a database
// migrated only that far, read back after migrating to the newest schema with
// the same ids and values, and still work through the app's domain functions
// (API token and session authentication, identity and user reads, the audit
// chain verifying and growing, the facet backfill and the audit list). A future
// migration that drops, rewrites or corrupts this data fails here.
import { describe, expect, inject, it } from "vitest";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { backfillAuditFacets } from "@/lib/audit/integrity/backfill-facets";
import { listAuditEvents } from "@/lib/audit/list-events";
import { ZListAuditEventsQuery } from "@/lib/audit/schemas";
import { verifyAuditChain } from "@/lib/audit/verify";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { readMigrations } from "@/lib/db/migrate/files";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { getIdentity } from "@/lib/identities/get-identity";
import { listIdentities } from "@/lib/identities/list-identities";
import { ZListIdentitiesQuery } from "@/lib/identities/schemas";
import { resolveSession } from "@/lib/sessions/resolve-session";
import { getUser } from "@/lib/users/get-user";
import { IDS, firstSchemaFixture, insertFixture, type FixtureTable, type Value } from "./helpers/first-schema-fixture";
import { withFreshDatabaseAt } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";

const provider = inject("databaseTarget").provider;
const PASSWORD = "first-release password ✓";

type Reader = { findUniqueOrThrow(args: { where: Record<string, unknown>; omit?: Record<string, boolean> }): Promise<Record<string, unknown>> };
// hash columns are left out of queries by default (OMIT_SECRETS); the fixture checks them too
const SHOW_SECRETS: Record<string, Record<string, boolean>> = { user: { passwordHash: false }, apiToken: { tokenHash: false } };

const expected = (value: Value) => (value !== null && typeof value === "object" && !(value instanceof Date) ? value.json : value);

/** Every fixture row, read through today's client, has each of its original values. */
async function expectRowsIntact(client: Db, tables: FixtureTable[]): Promise<void> {
  for (const { model, key, rows, searchColumns = [] } of tables) {
    const reader = (client as unknown as Record<string, Reader>)[model]!;
    for (const row of rows) {
      const stored = await reader.findUniqueOrThrow({ where: { [key]: row[key] }, omit: SHOW_SECRETS[model] });
      const label = `${model} ${String(row[key])}`;
      for (const [column, value] of Object.entries(row)) {
        if (searchColumns.includes(column)) expect(String(stored[column]), `${label}.${column}`).toContain(value as string);
        else expect(stored[column], `${label}.${column}`).toEqual(expected(value));
      }
    }
  }
}

describe(`upgrade path from the first migration (${provider})`, () => {
  it("keeps the first release's data, readable by today's domain functions", async () => {
    const [first, ...later] = readMigrations(provider);
    const fixture = firstSchemaFixture({ passwordHash: await hashPassword(PASSWORD), now: new Date() });
    await withFreshDatabaseAt(first!.name, async (client, target) => {
      await insertFixture(client, provider, fixture.tables);
      // the schema engine needs the database to itself (SQLite: an exclusive lock)
      await client.$disconnect();
      expect(await applyMigrations(target)).toEqual(later.map((migration) => migration.name));

      await expectRowsIntact(client, fixture.tables);
      const events = fixture.tables.find((table) => table.table === "AuditEvent")!.rows;
      const chain = await verifyAuditChain(client);
      expect(chain).toMatchObject({ ok: true, checked: events.length, headSeq: String(events.length), headHash: events.at(-1)!.hash });

      await withGlobalDatabase(target, async () => {
        const admin = await authenticateApiToken(fixture.apiToken);
        expect(admin).toMatchObject({ kind: "api_token", id: "tok_01jupgradetoken00000000000", userId: IDS.admin });
        expect([...admin!.permissions].sort()).toEqual(["audit:read", "identities:read"]);
        expect(await authenticateApiToken(fixture.revokedToken)).toBeNull();
        expect(await resolveSession(fixture.sessionId)).toMatchObject({ kind: "user", userId: IDS.admin, sessionId: fixture.sessionId });
        const stored = await client.user.findUniqueOrThrow({ where: { id: IDS.admin }, omit: { passwordHash: false } });
        expect(await verifyPassword(PASSWORD, stored.passwordHash!)).toBe(true);

        expect(await getUser({ actor: SYSTEM_ACTOR, userId: IDS.auditor })).toMatchObject({ email: "gone@upgrade.test", role: "auditor", active: false });
        const listed = await listIdentities({ actor: SYSTEM_ACTOR, kind: "server", query: ZListIdentitiesQuery.parse({ q: "upgrade.test", sort: "name" }) });
        expect(listed.items.map((item) => [item.id, item.name, item.status, item.owner.id])).toEqual([
          [IDS.ledger, "Ledger MCP", "active", IDS.owner],
          [IDS.search, "Search", "active", IDS.auditor],
        ]);
        expect(await getIdentity({ actor: SYSTEM_ACTOR, identityId: IDS.ledger })).toMatchObject({
          slug: IDS.ledger,
          description: "Books & ledgers — “quoted”",
          resourceUri: "https://ledger.upgrade.test/mcp",
          approvedAt: "2026-11-20T10:00:00.000Z",
        });
        const orphans = await listIdentities({ actor: SYSTEM_ACTOR, query: ZListIdentitiesQuery.parse({ orphaned: "true", q: "upgrade.test" }) });
        expect(orphans.items.map((item) => item.id)).toEqual([IDS.search]);

        // the chain grows from the old head, and old events get their index columns
        await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: IDS.search, change: "suspend", reason: "owner left" });
        expect(await backfillAuditFacets({ client })).toMatchObject({ projected: events.length, remaining: false });
        const grown = await verifyAuditChain(client);
        expect(grown.ok, grown.firstBreak?.reason).toBe(true);
        expect(grown.checked).toBeGreaterThan(events.length);
        const page = await listAuditEvents({ actor: SYSTEM_ACTOR, query: ZListAuditEventsQuery.parse({ targetId: IDS.ledger }) });
        expect(page.items.map((event) => event.id)).toContain("evt_01jupgrade00000000000000002");
      });
    });
  }, 120_000);
});
