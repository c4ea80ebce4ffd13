// Lists audit events, newest first, filtered; the cursor is a chain position.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { TAuditEvent, TListAuditEventsQuery } from "@/lib/audit/schemas";

type Row = Awaited<ReturnType<ReturnType<typeof db>["auditEvent"]["findFirstOrThrow"]>>;

export function presentAuditEvent(row: Row): TAuditEvent {
  return {
    seq: row.seq.toString(),
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    action: row.action,
    target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
    outcome: row.outcome,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
    details: (row.details ?? {}) as Record<string, unknown>,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export async function listAuditEvents(options: { actor: Actor; query: TListAuditEventsQuery }): Promise<{ items: TAuditEvent[]; nextCursor: string | null }> {
  assertCan(options.actor, "audit:read");
  const q = options.query;
  const rows = await db().auditEvent.findMany({
    where: {
      ...(q.action ? { action: q.action } : {}),
      ...(q.outcome ? { outcome: q.outcome } : {}),
      ...(q.actorType ? { actorType: q.actorType } : {}),
      ...(q.actorId ? { actorId: q.actorId } : {}),
      ...(q.targetType ? { targetType: q.targetType } : {}),
      ...(q.targetId ? { targetId: q.targetId } : {}),
      ...(q.requestId ? { requestId: q.requestId } : {}),
      ...(q.since || q.until ? { occurredAt: { ...(q.since ? { gte: new Date(q.since) } : {}), ...(q.until ? { lt: new Date(q.until) } : {}) } } : {}),
      ...(q.cursor ? { seq: { lt: BigInt(q.cursor) } } : {}),
    },
    orderBy: { seq: "desc" },
    take: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(presentAuditEvent);
  return { items, nextCursor: more ? items[items.length - 1]!.seq : null };
}
