// Changes an audit sink (admins): name, target, filter, batch size, or enabled.
// The cursor stays where it is: a new filter applies from there on. A new
// target or re-enabling makes the sink due at once instead of after its backoff,
// since that is usually the fix for what was failing.
import "server-only";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { sinkFilter } from "@/lib/audit/sinks/filter";
import { OMIT_SECRET, presentAuditSink } from "@/lib/audit/sinks/present";
import { ZUpdateAuditSinkInput, type TAuditSink, type TUpdateAuditSinkInput } from "@/lib/audit/sinks/schemas";
import type { AuditSinkKind } from "@/lib/audit/sinks/target-shape";
import { checkedTarget } from "@/lib/audit/sinks/targets";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { transact } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors/app-error";

export async function updateAuditSink(options: { actor: Actor; sinkId: string; input: TUpdateAuditSinkInput; context?: RequestContext | null }): Promise<TAuditSink> {
  const { actor, context } = options;
  assertCan(actor, "audit:manage");
  const input = ZUpdateAuditSinkInput.parse(options.input);
  const { row, head } = await transact(async (tx) => {
    const before = await tx.auditSink.findUnique({ where: { id: options.sinkId }, omit: OMIT_SECRET });
    if (!before) throw notFound("Audit sink");
    const target = input.target !== undefined ? checkedTarget(before.kind as AuditSinkKind, input.target) : undefined;
    const filter = input.filter ? sinkFilter(input.filter) : undefined;
    const data = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(filter ? { filter: { ...(filter.classes.length ? { classes: filter.classes } : {}), ...(filter.actions.length ? { actions: filter.actions } : {}) } } : {}),
      ...(input.batchSize !== undefined ? { batchSize: input.batchSize } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    };
    const dueNow = (target !== undefined && target !== before.target) || (input.enabled === true && !before.enabled);
    const updated = await tx.auditSink.update({ where: { id: before.id }, data: { ...data, ...(dueNow ? { nextAttemptAt: null } : {}) }, omit: OMIT_SECRET });
    const changes = Object.fromEntries(
      Object.keys(data).map((key) => {
        const field = key as keyof typeof data;
        return [field, { from: field === "filter" ? sinkFilter(before.filter) : before[field], to: field === "filter" ? filter : data[field] }];
      }),
    );
    const event = await appendAuditEvent(tx, { action: "audit_sink.updated", actor: actorRef(actor), target: { type: "audit_sink", id: before.id }, details: { name: updated.name, changes }, context });
    return { row: updated, head: event.seq };
  });
  return presentAuditSink(row, head);
}
