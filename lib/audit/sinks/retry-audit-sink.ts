// "Retry now" (admins): a failing sink is due at once instead of after its
// backoff, and one forwarding pass for it runs right here, so the answer shows
// whether the receiver is back. The pass can overlap the scheduled run; the
// cursor's compare-and-set keeps that to a repeated batch at worst.
import "server-only";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { forwardAuditSinks } from "@/lib/audit/sinks/forward/forward-audit-sinks";
import { getAuditSink } from "@/lib/audit/sinks/list-audit-sinks";
import { OMIT_SECRET } from "@/lib/audit/sinks/present";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";

// short enough for a request; a large backlog keeps draining in the scheduled runs
const RETRY_BUDGET_MS = 5_000;

export async function retryAuditSink(options: { actor: Actor; sinkId: string; context?: RequestContext | null; now?: Date; timeoutMs?: number }): Promise<TAuditSink> {
  const { actor, context } = options;
  assertCan(actor, "audit:manage");
  const now = options.now ?? new Date();
  await transact(async (tx) => {
    const sink = await tx.auditSink.findUnique({ where: { id: options.sinkId }, omit: OMIT_SECRET });
    if (!sink) throw notFound("Audit sink");
    if (!sink.enabled) throw conflict("The sink is disabled: enable it to forward again");
    await tx.auditSink.update({ where: { id: sink.id }, data: { nextAttemptAt: null }, omit: OMIT_SECRET });
    await appendAuditEvent(tx, {
      action: "audit_sink.updated",
      actor: actorRef(actor),
      target: { type: "audit_sink", id: sink.id },
      details: { name: sink.name, retryNow: true, failures: sink.failures, lastError: sink.lastError, changes: { nextAttemptAt: { from: sink.nextAttemptAt?.toISOString() ?? null, to: null } } },
      context,
    });
  });
  await forwardAuditSinks(now, { sinkIds: [options.sinkId], budgetMs: RETRY_BUDGET_MS, timeoutMs: options.timeoutMs });
  return getAuditSink({ actor, sinkId: options.sinkId });
}
