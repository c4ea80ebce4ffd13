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

/**
 * Free text is a substring match no index serves, so one page scans at most
 * this many events back from its cursor (BENCHMARKS.md: a full scan of 1M
 * SQLite events took 2 s). A page that found too few says how far back it
 * searched, and its cursor continues from there.
 */
export const TEXT_SEARCH_WINDOW = 100_000n;

type Page = { items: TAuditEvent[]; nextCursor: string | null; names: Record<string, string>; searchedBackTo: string | null };

export async function listAuditEvents(options: { actor: Actor; query: TListAuditEventsQuery; textWindow?: bigint }): Promise<Page> {
  assertCan(options.actor, "audit:read");
  const q = options.query;
  const where = auditFilterWhere(q);
  const upper = q.cursor ? BigInt(q.cursor) : null;
  let lower: bigint | null = null;
  if (q.q) {
    const top = upper ?? (await db().auditHead.findUniqueOrThrow({ where: { id: 1 } })).seq + 1n;
    const window = options.textWindow ?? TEXT_SEARCH_WINDOW;
    lower = top - window > 1n ? top - window : null;
  }
  const range = { ...(upper !== null ? { lt: upper } : {}), ...(lower !== null ? { gte: lower } : {}) };
  const rows = await db().auditEvent.findMany({
    where: upper !== null || lower !== null ? { AND: [where, { seq: range }] } : where,
    orderBy: { seq: "desc" },
    take: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const items = (more ? rows.slice(0, q.limit) : rows).map(presentAuditEvent);
  // the window ended before the page filled: older events may still match, from the window's start on
  const windowEnded = !more && lower !== null;
  return {
    items,
    nextCursor: more ? items[items.length - 1]!.seq : windowEnded ? lower!.toString() : null,
    names: await identityNames(items),
    searchedBackTo: windowEnded ? lower!.toString() : null,
  };
}
