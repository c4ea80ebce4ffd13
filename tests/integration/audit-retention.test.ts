// Retention: events older than their class's period become tombstones after
// a signed checkpoint, the run is recorded and audited, and the chain still
// verifies. Also: the facet backfill, and changing retention (audited in the
// audit class, refused through the generic settings endpoint).
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { PATCH as patchRetention } from "@/app/api/v1/audit/integrity/retention/route";
import { PATCH as patchSettings } from "@/app/api/v1/settings/route";
import { ZAnchorPayload } from "@/lib/audit/anchor/anchor-jws";
import type { AuditInput } from "@/lib/audit/append";
import { FACET_VERSION } from "@/lib/audit/facets";
import { backfillAuditFacets } from "@/lib/audit/integrity/backfill-facets";
import { runAuditRetention } from "@/lib/audit/retention/run-retention";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { seedApiToken, seedUser } from "@/lib/seed/factories";
import { append, realisticEvents, seedSigningKey } from "./helpers/audit-integrity";
import { withFreshDatabase } from "./helpers/fresh-database";
import { call } from "./helpers/http";

const NOW = new Date("2025-06-01T12:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const USER = { type: "user" as const, id: "usr_01jretentionuser00000000000", label: "Rita" };

// One per class and age; `prune` says what the default settings (access 365, token 90, mcp 90, others forever) remove.
const EVENTS: { name: string; input: AuditInput; prune: boolean }[] = [
  { name: "old sign-in", input: { action: "auth.sign_in.succeeded", actor: USER, details: { email: "rita@example.test" }, context: { requestId: "req_1", ip: "198.51.100.4", userAgent: "Firefox" }, at: daysAgo(400) }, prune: true },
  { name: "recent sign-in", input: { action: "auth.sign_in.succeeded", actor: USER, details: { email: "rita@example.test" }, at: daysAgo(200) }, prune: false },
  { name: "old token", input: { ...realisticEvents(1)[0]!, at: daysAgo(91) }, prune: true },
  { name: "recent token", input: { ...realisticEvents(1)[0]!, at: daysAgo(89) }, prune: false },
  { name: "old decision", input: { ...realisticEvents(2)[1]!, at: daysAgo(120) }, prune: true },
  { name: "old tool call", input: { ...realisticEvents(3)[2]!, at: daysAgo(95) }, prune: true },
  { name: "recent tool call", input: { ...realisticEvents(3)[2]!, at: daysAgo(1) }, prune: false },
  { name: "ancient grant", input: { ...realisticEvents(4)[3]!, at: daysAgo(2000) }, prune: false },
  { name: "ancient campaign", input: { action: "campaign.launched", actor: USER, target: { type: "campaign", id: "cmp_1" }, details: { name: "Q1" }, at: daysAgo(2000) }, prune: false },
  { name: "ancient verification", input: { action: "audit.chain_verified", actor: USER, details: { checked: 1 }, at: daysAgo(2000) }, prune: false },
];

describe("audit retention", () => {
  it("prunes exactly the expired events after a signed checkpoint, and the chain still verifies", async () => {
    await withFreshDatabase(async (client) => {
      await seedSigningKey(client);
      const written = await append(client, EVENTS.map((event) => event.input));
      const before = await client.auditEvent.findMany({ orderBy: { seq: "asc" } });

      const summary = await runAuditRetention(NOW, { client, batchSize: 1 });
      expect(summary).toMatchObject({ pruned: { access: 1, token: 1, mcp: 2 } });

      const after = await client.auditEvent.findMany({ where: { seq: { lte: written.at(-1)!.seq } }, orderBy: { seq: "asc" } });
      EVENTS.forEach((event, index) => {
        const was = before[index]!;
        const now = after[index]!;
        // place in the chain, time, action, outcome and hashes never change
        expect({ seq: now.seq, id: now.id, occurredAt: now.occurredAt, action: now.action, outcome: now.outcome, actorType: now.actorType, prevHash: now.prevHash, hash: now.hash }, event.name).toEqual({
          seq: was.seq, id: was.id, occurredAt: was.occurredAt, action: was.action, outcome: was.outcome, actorType: was.actorType, prevHash: was.prevHash, hash: was.hash,
        });
        if (event.prune) {
          expect(now, event.name).toMatchObject({ actorId: null, actorLabel: null, targetType: null, targetId: null, requestId: null, ip: null, userAgent: null, details: {}, agentId: null, jti: null, tool: null, search: now.action, facetVersion: FACET_VERSION, prunedAt: NOW });
        } else {
          expect(now, event.name).toEqual(was);
        }
      });

      // the checkpoint anchor came first and signed each class's cutoff
      const anchors = await client.auditAnchor.findMany();
      expect(anchors).toHaveLength(1);
      const anchor = anchors[0]!;
      expect(anchor.seq).toBe(BigInt(EVENTS.length + 1));
      expect(decodeProtectedHeader(anchor.jws).typ).toBe("warden-audit-anchor+jwt");
      const payload = ZAnchorPayload.parse(JSON.parse(Buffer.from(anchor.jws.split(".")[1]!, "base64url").toString()));
      expect(payload).toMatchObject({ seq: anchor.seq.toString(), hash: anchor.hash, retention: { access: daysAgo(365).toISOString(), token: daysAgo(90).toISOString(), mcp: daysAgo(90).toISOString() } });
      expect(payload.retention).not.toHaveProperty("administration");

      const runs = await client.auditPrune.findMany({ orderBy: { eventClass: "asc" } });
      expect(runs.map((run) => ({ eventClass: run.eventClass, pruned: run.pruned, upToSeq: run.upToSeq, anchorId: run.anchorId, cutoff: run.cutoff }))).toEqual([
        { eventClass: "access", pruned: 1, upToSeq: anchor.seq, anchorId: anchor.id, cutoff: daysAgo(365) },
        { eventClass: "mcp", pruned: 2, upToSeq: anchor.seq, anchorId: anchor.id, cutoff: daysAgo(90) },
        { eventClass: "token", pruned: 1, upToSeq: anchor.seq, anchorId: anchor.id, cutoff: daysAgo(90) },
      ]);
      const announced = await client.auditEvent.findMany({ where: { action: { in: ["audit.anchored", "audit.pruned"] } }, orderBy: { seq: "asc" } });
      expect(announced.map((event) => [event.action, (event.details as { eventClass?: string }).eventClass ?? null, (event.details as { pruned?: number }).pruned ?? null])).toEqual([
        ["audit.anchored", null, null],
        ["audit.pruned", "access", 1],
        ["audit.pruned", "token", 1],
        ["audit.pruned", "mcp", 2],
      ]);
      expect(announced[1]!.seq > anchor.seq).toBe(true);

      expect(await verifyAuditChain(client, { batchSize: 3 })).toMatchObject({ ok: true, checked: EVENTS.length + 4, tombstones: 4, anchorsChecked: 1 });

      // the same day again: nothing more to do, nothing recorded
      expect(await runAuditRetention(new Date(NOW.getTime() + 3_600_000), { client })).toEqual({ pruned: {} });
      expect(await client.auditPrune.count()).toBe(3);

      // a tombstone that got content back is not a tombstone any more
      const oldToken = after[2]!;
      await client.auditEvent.update({ where: { seq: oldToken.seq }, data: { details: { forged: true } } });
      expect((await verifyAuditChain(client)).firstBreak).toEqual({ seq: oldToken.seq.toString(), id: oldToken.id, reason: "it is marked pruned but still holds content its hash can no longer vouch for" });
      await client.auditEvent.update({ where: { seq: oldToken.seq }, data: { details: {} } });
      // emptying a recent event of a pruned class is outside the signed cutoff
      const recent = after[3]!;
      await client.auditEvent.update({ where: { seq: recent.seq }, data: { details: {}, actorId: null, actorLabel: null, targetType: null, targetId: null, agentId: null, serverId: null, scope: null, tier: null, jti: null, search: recent.action, prunedAt: NOW } });
      expect((await verifyAuditChain(client)).firstBreak).toEqual({ seq: recent.seq.toString(), id: recent.id, reason: "it is marked pruned without a retention run" });
    });
  });

  it("prunes nothing without a signing key to take the checkpoint with", async () => {
    await withFreshDatabase(async (client) => {
      await append(client, [EVENTS[0]!.input]);
      expect(await runAuditRetention(NOW, { client })).toMatchObject({ pruned: {}, skipped: expect.stringContaining("no active signing key") });
      expect(await client.auditEvent.count({ where: { prunedAt: { not: null } } })).toBe(0);
    });
  });

  it("backfills facets of events written before facets existed, in batches, once", async () => {
    await withFreshDatabase(async (client) => {
      await append(client, realisticEvents(25, () => daysAgo(3)));
      const projected = await client.auditEvent.findMany({ orderBy: { seq: "asc" } });
      // as the facet migration left them: version 0, columns empty
      await client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "facetVersion" = 0, "agentId" = NULL, "serverId" = NULL, "gatewayId" = NULL, "tool" = NULL, "scope" = NULL, "tier" = NULL, "jti" = NULL, "search" = NULL`);
      // an unprojected row is not judged by its facets (its content still is)
      await client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "agentId" = 'agt_stale' WHERE "seq" = 5`);
      expect(await verifyAuditChain(client)).toMatchObject({ ok: true, checked: 25 });

      expect(await backfillAuditFacets({ client, batchSize: 4 })).toEqual({ projected: 25, remaining: false });
      expect(await client.auditEvent.findMany({ orderBy: { seq: "asc" } })).toEqual(projected);
      expect(await backfillAuditFacets({ client, batchSize: 4 })).toEqual({ projected: 0, remaining: false });
      expect((await verifyAuditChain(client)).ok).toBe(true);
      // once projected, an edited facet is a break
      await client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "tool" = 'other_tool' WHERE "seq" = 3`);
      expect((await verifyAuditChain(client)).firstBreak).toMatchObject({ seq: "3", reason: "its index columns do not match its content (tool)" });
    });
  });
});

describe("changing retention", () => {
  it("is audited in the audit class, keeps the audit class forever and is refused through the generic settings", async () => {
    const admin = await seedUser({ role: "admin" });
    const token = await seedApiToken({ role: "admin", user: admin });
    const auditor = await seedApiToken({ role: "auditor", user: await seedUser({ role: "auditor" }) });

    const changed = await call<{ auditRetentionDays: Record<string, number | null>; auditAnchorIntervalMinutes: number }>(patchRetention, {
      method: "PATCH",
      path: "/api/v1/audit/integrity/retention",
      bearer: token.secret,
      body: { auditRetentionDays: { token: 30, administration: 3650 } },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.auditRetentionDays).toMatchObject({ token: 30, administration: 3650, access: 365, audit: null });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "audit.retention_changed", actorId: token.id }, orderBy: { seq: "desc" } });
    expect(event.details).toEqual({ changes: { "retentionDays.token": { from: 90, to: 30 }, "retentionDays.administration": { from: null, to: 3650 } } });

    const refused = [
      { auditRetentionDays: { audit: 30 } },
      { auditRetentionDays: { token: 3 } },
      { auditRetentionDays: { unknown: 30 } },
      { auditAnchorIntervalMinutes: -1 },
      {},
    ];
    for (const body of refused) {
      const result = await call(patchRetention, { method: "PATCH", path: "/api/v1/audit/integrity/retention", bearer: token.secret, body });
      expect(result.status, JSON.stringify(body)).toBe(422);
    }
    expect((await call(patchRetention, { method: "PATCH", path: "/api/v1/audit/integrity/retention", bearer: auditor.secret, body: { auditAnchorIntervalMinutes: 5 } })).status).toBe(403);
    const generic = await call(patchSettings, { method: "PATCH", path: "/api/v1/settings", bearer: token.secret, body: { auditRetentionDays: { token: 7 } } });
    expect(generic.status).toBe(422);

    // back to the defaults, so other tests in this database see them
    const restored = await call(patchRetention, { method: "PATCH", path: "/api/v1/audit/integrity/retention", bearer: token.secret, body: { auditRetentionDays: { token: 90, administration: null } } });
    expect(restored.status).toBe(200);
  });
});
