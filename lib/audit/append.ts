// Appends audit events inside the caller's transaction, so an event exists if
// and only if the change it describes was committed. The chain head row is
// updated first: that takes its row lock (PostgreSQL) or the write lock
// (SQLite), so concurrent appenders queue instead of forking the chain.
import type { Actor, RequestContext } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import type { AuditAction, AuditActorType, AuditOutcome } from "@/lib/audit/actions";
import { auditFacets } from "@/lib/audit/facets";
import { eventHash, type ChainedFields } from "@/lib/audit/hash";
import { insertAuditRows, type AuditRow } from "@/lib/audit/insert-rows";
import { bumpPolicyRevision, changesPolicy } from "@/lib/policy/revision";

export type AuditActorRef = { type: AuditActorType; id: string | null; label: string | null };

export type AuditInput = {
  /** set only where the id must be deterministic (ingested events: idempotency); otherwise a new id */
  id?: string;
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
  let text: string;
  try {
    // a replacer slows stringify several times over, and details rarely hold a bigint
    text = JSON.stringify(details ?? {});
  } catch {
    text = JSON.stringify(details ?? {}, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** The chained rows for `inputs`, continuing the chain from `head` (pure: no I/O). */
export function chainRows(head: { seq: bigint; hash: string }, inputs: AuditInput[]): AuditRow[] {
  let seq = head.seq;
  let prevHash = head.hash;
  return inputs.map((input) => {
    seq += 1n;
    const fields: ChainedFields = {
      seq,
      id: input.id ?? newId("auditEvent"),
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
    return { ...fields, hash, details: fields.details as object, ...auditFacets(fields) };
  });
}

/** Whether appending `inputs` moves the policy revision (a change that can alter an access decision). */
export function movesPolicy(inputs: AuditInput[]): boolean {
  return inputs.some((input) => input.outcome !== "failure" && input.outcome !== "denied" && changesPolicy(input.action));
}

/**
 * Takes the chain head's lock (PostgreSQL row lock; SQLite's write lock) until
 * the transaction ends and returns the head. Appending does it first; callers
 * that must read the log consistently with what they append (ingestion's
 * duplicate check) do it before reading.
 */
export function lockAuditChain(tx: Tx): Promise<{ seq: bigint; hash: string }> {
  return tx.auditHead.update({ where: { id: 1 }, data: { seq: { increment: 0 } } });
}

export async function appendAuditEvents(tx: Tx, inputs: AuditInput[]): Promise<ChainedFields[]> {
  if (inputs.length === 0) return [];
  const head = await lockAuditChain(tx);
  const rows = chainRows(head, inputs);
  const last = rows[rows.length - 1]!;
  await insertAuditRows(tx, rows);
  await tx.auditHead.update({ where: { id: 1 }, data: { seq: last.seq, hash: last.hash } });
  if (movesPolicy(inputs)) await bumpPolicyRevision(tx);
  return rows;
}

export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<ChainedFields> {
  const [row] = await appendAuditEvents(tx, [input]);
  return row!;
}
