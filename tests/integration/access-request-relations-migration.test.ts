// The migration that gave AccessRequest foreign keys to its agent and server
// (access_request_relations, so the inbox filters by owner with a subquery).
// On SQLite it rebuilds the table: every request keeps its values, tools and
// approvals (the old table is dropped while AccessRequestTool and
// AccessRequestApproval reference it with ON DELETE CASCADE). A request whose
// agent or server does not exist (identities are never deleted, so only a hand
// edit makes one) does not stop the migration and is kept; new rows must
// reference existing identities.
import { describe, expect, inject, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { readMigrations } from "@/lib/db/migrate/files";
import { withFreshDatabaseAt } from "./helpers/fresh-database";

const provider = inject("databaseTarget").provider;
const id = (prefix: string, n: number) => `${prefix}_${String(n).padStart(26, "0")}`;

describe(`access_request_relations migration (${provider})`, () => {
  it("keeps every access request with its tools and approvals, tolerates one whose identities are gone, then enforces the keys", async () => {
    const migrations = readMigrations(provider).map((migration) => migration.name);
    const index = migrations.findIndex((name) => name.endsWith("_access_request_relations"));
    expect(index).toBeGreaterThan(0);
    await withFreshDatabaseAt(migrations[index - 1], async (client, target) => {
      const owner = id("usr", 1);
      await client.user.create({ data: { id: owner, email: "owner@migration.test", name: "Owner" } });
      const identity = (kind: "server" | "agent", n: number) => ({ id: id(kind === "server" ? "srv" : "agt", n), kind, slug: `${kind}-${n}`, name: `${kind} ${n}`, ownerId: owner, searchText: kind, ...(kind === "server" ? { resourceUri: `https://mcp.example.test/${n}` } : { clientId: `agent-${n}` }) });
      await client.identity.createMany({ data: [identity("server", 1), identity("agent", 1)] });
      const expiresAt = new Date("2026-12-01T00:00:00.000Z");
      const kept = { id: id("arq", 1), agentId: id("agt", 1), serverId: id("srv", 1), requestedById: owner, justification: "kept", grantDays: 30, secondApprovalRequired: true, toxicFindings: [{ policy: "p" }], expiresAt };
      const orphan = { id: id("arq", 2), agentId: id("agt", 9), serverId: id("srv", 9), requestedById: owner, justification: "identities gone", expiresAt };
      await client.accessRequest.createMany({ data: [kept, orphan] });
      await client.accessRequestTool.createMany({ data: [{ requestId: kept.id, toolId: "tool_a", scope: "a" }, { requestId: kept.id, toolId: "tool_b", scope: "b", tier: "write" }, { requestId: orphan.id, toolId: "tool_c", scope: "c" }] });
      await client.accessRequestApproval.create({ data: { id: id("ara", 1), requestId: kept.id, step: "owner", approverId: owner, decision: "approve", comment: "fine" } });
      const before = await client.accessRequest.findMany({ orderBy: { id: "asc" }, include: { tools: { orderBy: { toolId: "asc" } }, approvals: true } });
      // the schema engine needs the database to itself (SQLite: an exclusive lock)
      await client.$disconnect();

      expect(await applyMigrations(target)).toEqual(migrations.slice(index));

      const after = await client.accessRequest.findMany({ orderBy: { id: "asc" }, include: { tools: { orderBy: { toolId: "asc" } }, approvals: true } });
      expect(after).toEqual(before);
      expect(after.map((row) => [row.id, row.tools.length, row.approvals.length])).toEqual([
        [kept.id, 2, 1],
        [orphan.id, 1, 0],
      ]);
      // the new relations answer, and a request for an identity that does not exist is refused
      expect(await client.accessRequest.findMany({ where: { server: { is: { ownerId: owner } } }, select: { id: true } })).toEqual([{ id: kept.id }]);
      await expect(client.accessRequest.create({ data: { ...orphan, id: id("arq", 3) } })).rejects.toMatchObject({ code: "P2003" });
    });
  }, 60_000);
});
