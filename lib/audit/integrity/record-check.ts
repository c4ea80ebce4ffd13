// Records the result of a chain verification (AuditCheck) and, when it found a
// break the check before it did not, appends audit.chain_broken and logs an
// error — once per break, however often later checks find it again.
import "server-only";
import { appendAuditEvents, lockAuditChain, type AuditActorRef, type AuditInput } from "@/lib/audit/append";
import type { ChainReport } from "@/lib/audit/verify";
import type { RequestContext } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/log";

export type CheckTrigger = "scheduled" | "user";

export async function recordAuditCheck(
  client: Db,
  options: { trigger: CheckTrigger; report: ChainReport; startedAt: Date; actor: AuditActorRef; context?: RequestContext | null; alsoAppend?: AuditInput[] },
): Promise<{ id: string; newBreak: boolean }> {
  const { report, trigger } = options;
  const found = report.firstBreak;
  const result = await transact(async (tx) => {
    // the lock orders concurrent checks, so two of them cannot both announce one break
    await lockAuditChain(tx);
    const previous = await tx.auditCheck.findFirst({ orderBy: [{ finishedAt: "desc" }, { id: "desc" }], select: { ok: true, firstBreakSeq: true, reason: true } });
    const id = newId("auditCheck");
    await tx.auditCheck.create({
      data: {
        id,
        trigger,
        startedAt: options.startedAt,
        finishedAt: new Date(options.startedAt.getTime() + report.durationMs),
        ok: report.ok,
        checked: report.checked,
        headSeq: BigInt(report.headSeq),
        firstBreakSeq: found ? BigInt(found.seq) : null,
        firstBreakId: found?.id ?? null,
        reason: found?.reason ?? null,
        anchorsChecked: report.anchorsChecked,
      },
    });
    const newBreak = found !== null && !(previous && !previous.ok && previous.firstBreakSeq?.toString() === found.seq && previous.reason === found.reason);
    const events: AuditInput[] = [...(options.alsoAppend ?? [])];
    if (newBreak) {
      events.push({
        action: "audit.chain_broken",
        actor: options.actor,
        outcome: "failure",
        target: found.id ? { type: "audit_event", id: found.id } : null,
        details: { checkId: id, trigger, seq: found.seq, eventId: found.id, reason: found.reason, checked: report.checked, headSeq: report.headSeq },
        context: options.context,
      });
    }
    await appendAuditEvents(tx, events);
    return { id, newBreak };
  }, client);
  if (result.newBreak) logger().error({ checkId: result.id, trigger, seq: found!.seq, eventId: found!.id, reason: found!.reason }, "the audit chain is broken");
  return result;
}
