// Appends audit events inside the caller's transaction, so an event exists if
// and only if the change it describes was committed. The chain head row is
// updated first: that takes its row lock (PostgreSQL) or the write lock
// (SQLite), so concurrent appenders queue instead of forking the chain.
import type { Actor, RequestContext } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import type { AuditAction, AuditActorType, AuditOutcome } from "@/lib/audit/actions";
import { eventHash, type ChainedFields } from "@/lib/audit/hash";

export type AuditActorRef = { type: AuditActorType; id: string | null; label: string | null };

export type AuditInput = {
  action: AuditAction;
  actor: AuditActorRef;
  target?: { type: string; id: string } | null;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
  context?: RequestContext | null;
  at?: Date;
};

export function actorRef(actor: Actor): AuditActorRef {
  return { type: actor.kind, id: actor.kind === "system" ? null : actor.id, label: actor.label };
}

export const ANONYMOUS: AuditActorRef = { type: "anonymous", id: null, label: null };

// JSON round-trips details, dropping undefined and turning Dates into strings,
// so the hash covers exactly what the database stores.
function storable(details: Record<string, unknown> | undefined): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details ?? {}, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value))) as Record<string, unknown>;
}

export async function appendAuditEvents(tx: Tx, inputs: AuditInput[]): Promise<ChainedFields[]> {
  if (inputs.length === 0) return [];
  const head = await tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 0 } } });
  let seq = head.seq;
  let prevHash = head.hash;
  const rows = inputs.map((input) => {
    seq += 1n;
    const fields: ChainedFields = {
      seq,
      id: newId("auditEvent"),
      occurredAt: new Date((input.at ?? new Date()).getTime()),
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      outcome: input.outcome ?? "success",
      requestId: input.context?.requestId ?? null,
      ip: input.context?.ip ?? null,
      userAgent: input.context?.userAgent?.slice(0, 512) ?? null,
      details: storable(input.details),
      prevHash,
    };
    const hash = eventHash(fields);
    prevHash = hash;
    return { ...fields, hash, details: fields.details as object };
  });
  await tx.auditEvent.createMany({ data: rows });
  await tx.auditHead.update({ where: { id: 1 }, data: { seq, hash: prevHash } });
  return rows;
}

export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<ChainedFields> {
  const [row] = await appendAuditEvents(tx, [input]);
  return row!;
}
