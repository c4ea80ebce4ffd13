// The continuous check and periodic anchoring: the scheduled verification
// records every result, walks the whole chain once a day and otherwise only
// what is new, and announces a new break exactly once; the anchoring job
// signs the head on its interval and not when nothing moved. On-demand
// verification records its check too, and the integrity endpoint shows both.
import { describe, expect, it } from "vitest";
import { POST as anchorRoute } from "@/app/api/v1/audit/anchors/route";
import { GET as integrityRoute } from "@/app/api/v1/audit/integrity/route";
import { POST as verifyRoute } from "@/app/api/v1/audit/verify/route";
import { runAuditAnchorJob } from "@/lib/audit/anchor/run-anchor-job";
import type { TAuditAnchor, TAuditIntegrity } from "@/lib/audit/integrity/schemas";
import { runAuditVerifyJob } from "@/lib/audit/integrity/run-verify-job";
import { db } from "@/lib/db/client";
import { JOBS } from "@/lib/jobs/scheduler";
import { seedApiToken, seedUser } from "@/lib/seed/factories";
import { append, realisticEvents, seedSigningKey } from "./helpers/audit-integrity";
import { withFreshDatabase } from "./helpers/fresh-database";
import { call } from "./helpers/http";

const DAY1 = new Date("2025-03-10T08:00:00.000Z");
const minutesLater = (minutes: number) => new Date(DAY1.getTime() + minutes * 60_000);

describe("scheduled verification", () => {
  it("records each check, walks fully once a day, and raises audit.chain_broken once per new break", async () => {
    await withFreshDatabase(async (client) => {
      await append(client, realisticEvents(30));
      expect(await runAuditVerifyJob(DAY1, { client, batchSize: 8 })).toMatchObject({ mode: "full", ok: true, checked: 30, headSeq: "30", newBreak: false });
      await append(client, realisticEvents(5));
      expect(await runAuditVerifyJob(minutesLater(1), { client })).toMatchObject({ mode: "incremental", ok: true, checked: 5, headSeq: "35" });
      expect(await runAuditVerifyJob(minutesLater(2), { client })).toMatchObject({ mode: "incremental", ok: true, checked: 0, headSeq: "35" });
      // the first check of the next day walks everything again
      expect(await runAuditVerifyJob(minutesLater(24 * 60), { client })).toMatchObject({ mode: "full", ok: true, checked: 35 });

      // an edit behind the incremental checks' starting point: found by the next full walk
      const edited = await client.auditEvent.findUniqueOrThrow({ where: { seq: 12n } });
      await client.$executeRawUnsafe(`UPDATE "AuditEvent" SET "outcome" = 'failure' WHERE "seq" = 12`);
      expect(await runAuditVerifyJob(minutesLater(24 * 60 + 1), { client })).toMatchObject({ mode: "incremental", ok: true });
      const found = await runAuditVerifyJob(minutesLater(48 * 60), { client });
      expect(found).toMatchObject({ mode: "full", ok: false, newBreak: true, firstBreak: { seq: "12", id: edited.id } });
      // while broken: walked again after ten minutes, in full; the same break is not announced again
      expect(await runAuditVerifyJob(minutesLater(48 * 60 + 5), { client })).toEqual({ skipped: expect.stringContaining("broken") });
      expect(await runAuditVerifyJob(minutesLater(48 * 60 + 11), { client })).toMatchObject({ mode: "full", ok: false, newBreak: false, firstBreak: { seq: "12" } });

      const broken = await client.auditEvent.findMany({ where: { action: "audit.chain_broken" } });
      expect(broken).toHaveLength(1);
      expect(broken[0]).toMatchObject({ outcome: "failure", actorType: "system", targetType: "audit_event", targetId: edited.id });
      expect(broken[0]!.details).toMatchObject({ trigger: "scheduled", seq: "12", eventId: edited.id, reason: expect.stringContaining("edited") });

      const checks = await client.auditCheck.findMany({ orderBy: { finishedAt: "asc" } });
      expect(checks.map((check) => [check.trigger, check.ok, check.checked])).toEqual([
        ["scheduled", true, 30],
        ["scheduled", true, 5],
        ["scheduled", true, 0],
        ["scheduled", true, 35],
        ["scheduled", true, 0],
        ["scheduled", false, 11],
        ["scheduled", false, 11],
      ]);
      expect(checks.at(-1)).toMatchObject({ firstBreakSeq: 12n, firstBreakId: edited.id, reason: "its content does not match its hash (the event was edited)" });

      // a different break later is new again
      await client.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = 3`);
      expect(await runAuditVerifyJob(minutesLater(48 * 60 + 22), { client })).toMatchObject({ newBreak: true, firstBreak: { seq: "3" } });
      expect(await client.auditEvent.count({ where: { action: "audit.chain_broken" } })).toBe(2);
    });
  });
});

describe("periodic anchoring", () => {
  it("signs the head on its interval, not when nothing moved, and not when turned off", async () => {
    await withFreshDatabase(async (client) => {
      expect(await runAuditAnchorJob(DAY1, { client })).toEqual({ anchored: false, skipped: "Warden has no active signing key to sign the anchor with" });
      await seedSigningKey(client);
      await append(client, realisticEvents(10));
      expect(await runAuditAnchorJob(DAY1, { client })).toEqual({ anchored: true, seq: "11" });
      await append(client, realisticEvents(3));
      expect(await runAuditAnchorJob(minutesLater(30), { client })).toEqual({ anchored: false, skipped: "not due yet" });
      expect(await runAuditAnchorJob(minutesLater(61), { client })).toEqual({ anchored: true, seq: "15" });
      // nothing appended since: an idle chain gets no new anchor
      expect(await runAuditAnchorJob(minutesLater(200), { client })).toEqual({ anchored: false, skipped: "the head has not moved since the last anchor" });

      await client.setting.create({ data: { key: "auditAnchorIntervalMinutes", value: 0 } });
      await append(client, realisticEvents(2));
      expect(await runAuditAnchorJob(minutesLater(400), { client })).toEqual({ anchored: false, skipped: "periodic anchoring is off" });

      const anchors = await client.auditAnchor.findMany({ orderBy: { seq: "asc" } });
      expect(anchors.map((anchor) => anchor.seq)).toEqual([11n, 15n]);
      const announcements = await client.auditEvent.findMany({ where: { action: "audit.anchored" }, orderBy: { seq: "asc" } });
      expect(announcements.map((event) => [event.seq, event.targetId])).toEqual(anchors.map((anchor) => [anchor.seq, anchor.id]));
      expect(await runAuditVerifyJob(minutesLater(401), { client })).toMatchObject({ ok: true, anchorsChecked: 2 });
    });
  });
});

describe("integrity through the API and the scheduler", () => {
  it("records on-demand checks, anchors on request and reports both", async () => {
    const admin = await seedUser({ role: "admin" });
    const token = await seedApiToken({ role: "admin", user: admin });
    const auditor = await seedApiToken({ role: "auditor", user: await seedUser({ role: "auditor" }) });

    const verified = await call<{ ok: boolean; headSeq: string }>(verifyRoute, { method: "POST", path: "/api/v1/audit/verify", bearer: auditor.secret });
    expect(verified.status).toBe(200);
    const userCheck = await db().auditCheck.findFirstOrThrow({ where: { trigger: "user", headSeq: BigInt(verified.body.headSeq) }, orderBy: { finishedAt: "desc" } });
    expect(userCheck.ok).toBe(verified.body.ok);

    const anchored = await call<TAuditAnchor>(anchorRoute, { method: "POST", path: "/api/v1/audit/anchors", bearer: token.secret });
    expect(anchored.status).toBe(201);
    expect(anchored.body.jws.split(".")).toHaveLength(3);
    expect(anchored.body).not.toHaveProperty("privateKey");
    expect(await db().auditEvent.findFirst({ where: { action: "audit.anchored", targetId: anchored.body.id, actorId: token.id } })).not.toBeNull();

    // the scheduler's own entries run these jobs (here against the shared database)
    const names = JOBS.map((job) => job.name);
    expect(names).toEqual(expect.arrayContaining(["audit-verify", "audit-anchor", "audit-retention", "audit-facet-backfill"]));
    const scheduled = await JOBS.find((job) => job.name === "audit-verify")!.run(new Date());
    expect(scheduled).toHaveProperty("mode");

    const integrity = await call<TAuditIntegrity>(integrityRoute, { path: "/api/v1/audit/integrity", bearer: auditor.secret });
    expect(integrity.status).toBe(200);
    expect(integrity.body.latestUser).not.toBeNull();
    expect(integrity.body.latestScheduled).not.toBeNull();
    expect(BigInt(integrity.body.latestAnchor!.seq) >= BigInt(anchored.body.seq)).toBe(true);
    expect(integrity.body.retention.auditRetentionDays.audit).toBeNull();
    expect(integrity.body.recentChecks.length).toBeGreaterThanOrEqual(2);
    expect((await call(anchorRoute, { method: "POST", path: "/api/v1/audit/anchors", bearer: auditor.secret })).status).toBe(403);
  });
});
