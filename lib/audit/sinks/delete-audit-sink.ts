// Deletes an audit sink (admins). A batch being sent when it is deleted still
// arrives; the forwarder's compare-and-set on the cursor then finds no row.
import "server-only";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { sinkFilter } from "@/lib/audit/sinks/filter";
import { OMIT_SECRET, presentAuditSink } from "@/lib/audit/sinks/present";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { transact } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors/app-error";

export async function deleteAuditSink(options: { actor: Actor; sinkId: string; context?: RequestContext | null }): Promise<TAuditSink> {
  const { actor, context } = options;
  assertCan(actor, "audit:manage");
  const { row, head } = await transact(async (tx) => {
    const sink = await tx.auditSink.findUnique({ where: { id: options.sinkId }, omit: OMIT_SECRET });
    if (!sink) throw notFound("Audit sink");
    await tx.auditSink.delete({ where: { id: sink.id } });
    const event = await appendAuditEvent(tx, {
      action: "audit_sink.deleted",
      actor: actorRef(actor),
      target: { type: "audit_sink", id: sink.id },
      details: { name: sink.name, kind: sink.kind, target: sink.target, filter: sinkFilter(sink.filter), cursorSeq: sink.cursorSeq.toString() },
      context,
    });
    return { row: sink, head: event.seq };
  });
  return presentAuditSink(row, head);
}
