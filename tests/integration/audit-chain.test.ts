// The audit hash chain: many concurrent writers never fork it, and the
// verifier pinpoints edits, deletions and a truncated tail.
import { describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/audit/append";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { Db } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { POST as registerServerRoute } from "@/app/api/v1/servers/route";
import { seedApiToken, seedUser, uniqueSuffix } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { withFreshDatabase } from "./helpers/fresh-database";

async function appendMany(client: Db, count: number, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await transact(
        (tx) => appendAuditEvent(tx, { action: "user.updated", actor: { type: "system", id: null, label: "test" }, details: { index, nested: { b: 2, a: [1, "x"] } } }),
        client,
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

describe("audit chain", () => {
  it("stays one unbroken chain under 60 concurrent API writes", async () => {
    const admin = await seedUser({ role: "admin" });
    const token = await seedApiToken({ role: "admin", user: admin });
    const before = await db().auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const results = await Promise.all(
      Array.from({ length: 60 }, () => {
        const suffix = uniqueSuffix();
        return call(registerServerRoute, {
          method: "POST",
          path: "/api/v1/servers",
          bearer: token.secret,
          body: { name: `concurrent ${suffix}`, resourceUri: `https://c-${suffix}.example.test/mcp`, ownerId: admin.id },
        });
      }),
    );
    expect(results.map((result) => result.status)).toEqual(Array(60).fill(201));
    const ids = results.map((result) => (result.body as { id: string }).id);
    const events = await db().auditEvent.findMany({ where: { action: "identity.registered", targetId: { in: ids } } });
    expect(events).toHaveLength(60);
    // every event got its own position after the head we started from
    const positions = new Set(events.map((event) => event.seq));
    expect(positions.size).toBe(60);
    for (const seq of positions) expect(seq > before.seq).toBe(true);
    const report = await verifyAuditChain(db());
    expect(report.firstBreak).toBeNull();
    expect(report.ok).toBe(true);
  });

  it("verifies a chain written by 8 concurrent appenders and detects an edited row", async () => {
    await withFreshDatabase(async (client) => {
      await appendMany(client, 200, 8);
      const good = await verifyAuditChain(client, { batchSize: 37 });
      expect(good).toMatchObject({ ok: true, checked: 200, headSeq: "200" });

      // an attacker edits one event's details directly in the database
      await client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "details" = '{"index": -1}' WHERE "seq" = 123`);
      const report = await verifyAuditChain(client, { batchSize: 37 });
      expect(report.ok).toBe(false);
      expect(report.checked).toBe(122);
      expect(report.firstBreak).toMatchObject({ seq: "123", reason: expect.stringContaining("edited") });
    });
  });

  it("detects a deleted event and a removed tail", async () => {
    await withFreshDatabase(async (client) => {
      await appendMany(client, 30, 3);
      await client.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 17`);
      const gap = await verifyAuditChain(client);
      expect(gap.firstBreak).toMatchObject({ seq: "17", reason: expect.stringContaining("missing") });
    });
    await withFreshDatabase(async (client) => {
      await appendMany(client, 30, 3);
      await client.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" > 25`);
      const tail = await verifyAuditChain(client);
      expect(tail.ok).toBe(false);
      expect(tail.checked).toBe(25);
      expect(tail.firstBreak?.reason).toContain("removed");
    });
  });

  it("detects an event re-hashed after an edit (its successor's link breaks)", async () => {
    await withFreshDatabase(async (client) => {
      await appendMany(client, 10, 1);
      const { eventHash } = await import("@/lib/audit/hash");
      const row = await client.auditEvent.findUniqueOrThrow({ where: { seq: 4n } });
      const forged = { ...row, actorLabel: "someone else" };
      // a forger who also re-projects the facets (lib/audit/facets.ts), so only the broken link gives it away
      const { auditFacets } = await import("@/lib/audit/facets");
      await client.auditEvent.update({ where: { seq: 4n }, data: { actorLabel: forged.actorLabel, hash: eventHash(forged), ...auditFacets(forged) } });
      const report = await verifyAuditChain(client);
      expect(report.firstBreak).toMatchObject({ seq: "5", reason: expect.stringContaining("link") });
    });
  });
});
