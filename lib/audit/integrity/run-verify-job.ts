// The "audit-verify" job (lib/jobs/scheduler.ts), every tick: verifies the
// chain and records the result. The first scheduled check of each UTC day,
// and every check after a failed one, walks the whole chain; the others walk
// only what was appended since the last good check (plus the anchors from
// there on), so a large chain costs a full walk a day, not one a minute.
// While the chain is broken it is walked again every few minutes, not back to
// back: the break is on record, and what matters is noticing a repair or a
// different break.
import "server-only";
import { actorRef } from "@/lib/audit/append";
import { recordAuditCheck } from "@/lib/audit/integrity/record-check";
import { singleFlight } from "@/lib/audit/integrity/single-flight";
import { verifyAuditChain } from "@/lib/audit/verify";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db, type Db } from "@/lib/db/client";

/** Routine results are kept this long; failed checks are kept for good. */
const KEEP_PASSED_CHECKS_MS = 30 * 86_400_000;
const RECHECK_BROKEN_MS = 10 * 60_000;

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

export async function runAuditVerifyJob(now = new Date(), options: { client?: Db; batchSize?: number } = {}) {
  return singleFlight("audit-verify", async () => {
    const client = options.client ?? db();
    const latest = await client.auditCheck.findFirst({ orderBy: [{ finishedAt: "desc" }, { id: "desc" }] });
    const lastScheduled = await client.auditCheck.findFirst({ where: { trigger: "scheduled" }, orderBy: [{ finishedAt: "desc" }, { id: "desc" }] });
    if (latest && !latest.ok && now.getTime() - latest.finishedAt.getTime() < RECHECK_BROKEN_MS) return { skipped: "the chain is broken; it is walked again ten minutes after the last check" };
    const full = !latest || !latest.ok || !lastScheduled || utcDay(lastScheduled.finishedAt) !== utcDay(now);
    const report = await verifyAuditChain(client, { batchSize: options.batchSize, from: full ? undefined : { seq: latest.headSeq } });
    const { newBreak } = await recordAuditCheck(client, { trigger: "scheduled", report, startedAt: now, actor: actorRef(SYSTEM_ACTOR) });
    await client.auditCheck.deleteMany({ where: { ok: true, trigger: "scheduled", finishedAt: { lt: new Date(now.getTime() - KEEP_PASSED_CHECKS_MS) } } });
    return { mode: report.mode, ok: report.ok, checked: report.checked, headSeq: report.headSeq, anchorsChecked: report.anchorsChecked, newBreak, firstBreak: report.firstBreak };
  });
}
