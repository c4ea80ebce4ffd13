// Adds an audit sink (admins). A webhook sink gets a signing secret generated
// by Warden, returned this once and stored sealed with the key-encryption key
// (the notifications' scheme, bound to the sink id). By default the sink starts
// at the chain head, so it forwards what happens from now on (its own creation
// first); `startFrom: "beginning"` forwards the whole log.
import "server-only";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { auditHeadSeq } from "@/lib/audit/sinks/head";
import { OMIT_SECRET, presentAuditSink } from "@/lib/audit/sinks/present";
import { ZCreateAuditSinkInput, type TCreatedAuditSink, type TCreateAuditSinkInput } from "@/lib/audit/sinks/schemas";
import { checkedTarget } from "@/lib/audit/sinks/targets";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { generateWebhookSecret, sealWebhookSecret } from "@/lib/notifications/webhook-secret";

export async function createAuditSink(options: { actor: Actor; input: TCreateAuditSinkInput; context?: RequestContext | null }): Promise<TCreatedAuditSink> {
  const { actor, context } = options;
  assertCan(actor, "audit:manage");
  const input = ZCreateAuditSinkInput.parse(options.input);
  const target = checkedTarget(input.kind, input.target);
  const id = newId("auditSink");
  const secret = input.kind === "webhook" ? generateWebhookSecret() : null;
  const filter = { ...(input.filter.classes?.length ? { classes: input.filter.classes } : {}), ...(input.filter.actions?.length ? { actions: input.filter.actions } : {}) };
  const { row, head } = await transact(async (tx) => {
    const cursorSeq = input.startFrom === "beginning" ? 0n : await auditHeadSeq(tx);
    const created = await tx.auditSink.create({
      data: { id, name: input.name, kind: input.kind, target, secretEnc: secret ? sealWebhookSecret(secret, id) : null, filter, batchSize: input.batchSize, enabled: input.enabled, cursorSeq, createdById: actor.userId },
      omit: OMIT_SECRET,
    });
    const event = await appendAuditEvent(tx, {
      action: "audit_sink.created",
      actor: actorRef(actor),
      target: { type: "audit_sink", id },
      details: { name: input.name, kind: input.kind, target, filter, batchSize: input.batchSize, enabled: input.enabled, startFrom: input.startFrom, cursorSeq: cursorSeq.toString() },
      context,
    });
    return { row: created, head: event.seq };
  });
  return { sink: presentAuditSink(row, head), secret };
}
