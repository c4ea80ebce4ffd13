// Lists audit events, newest first, filtered (lib/audit/filter-where.ts); the
// cursor is a chain position. The page names the identities its events
// mention, so the explorer can show names without a request per row.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { eventClassOf } from "@/lib/audit/event-classes";
import { auditFilterWhere } from "@/lib/audit/filter-where";
import type { TAuditEvent, TListAuditEventsQuery } from "@/lib/audit/schemas";
import { db } from "@/lib/db/client";

type Row = Awaited<ReturnType<ReturnType<typeof db>["auditEvent"]["findFirstOrThrow"]>>;

export function presentAuditEvent(row: Row): TAuditEvent {
  return {
    seq: row.seq.toString(),
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    action: row.action,
    eventClass: eventClassOf(row.action),
    target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
    outcome: row.outcome,
    requestId: row.requestId,
    ip: row.ip,
    userAgent: row.userAgent,
    details: (row.details ?? {}) as Record<string, unknown>,
    facets: {
      agentId: row.agentId,
      serverId: row.serverId,
      resourceId: row.resourceId,
      gatewayId: row.gatewayId,
      tool: row.tool,
      scope: row.scope,
      tier: row.tier,
      jti: row.jti,
      parentJti: row.parentJti,
    },
    prunedAt: row.prunedAt?.toISOString() ?? null,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** Display names of the identities `events` name (actor, target, agent, server, resource, gateway). */
export async function identityNames(events: TAuditEvent[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const event of events) {
    for (const id of [event.actor.id, event.target?.id, event.facets.agentId, event.facets.serverId, event.facets.resourceId, event.facets.gatewayId]) {
      if (id) ids.add(id);
    }
  }
  if (ids.size === 0) return {};
  const rows = await db().identity.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } });
  return Object.fromEntries(rows.map((row) => [row.id, row.name]));
}

export async function listAuditEvents(options: { actor: Actor; query: TListAuditEventsQuery }): Promise<{ items: TAuditEvent[]; nextCursor: string | null; names: Record<string, string> }> {
  assertCan(options.actor, "audit:read");
  const q = options.query;
  const where = auditFilterWhere(q);
  const rows = await db().auditEvent.findMany({
    where: q.cursor ? { AND: [where, { seq: { lt: BigInt(q.cursor) } }] } : where,
    orderBy: { seq: "desc" },
    take: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(presentAuditEvent);
  return { items, nextCursor: more ? items[items.length - 1]!.seq : null, names: await identityNames(items) };
}
