// The servers some enforcement point reported calls about in a 24-hour window,
// kept per process and brought up to date from the events appended since the
// last request (a primary-key range), instead of grouping the whole window on
// every request: under load the window holds hundreds of thousands of events
// (the soak benchmark appends ~500 a second), and regrouping them made each
// dashboard request slower as the day went on. The cache holds, per server,
// the latest time of a reported call among the events up to a sequence number
// (those at or after the window start it was filled for). Exact, not
// approximate: a request whose window starts before that, or that is asked
// for an instant earlier than a counted event, groups its window from scratch
// and keeps nothing.
import "server-only";
import { db, type Db } from "@/lib/db/client";

/** What enforcement points report (lib/policy/events/ingest-events.ts). */
export const REPORTED_ACTIONS = ["mcp.decision", "mcp.tool_call"];

type Cache = { seq: bigint; fromMs: number; latest: Map<string, number>; maxMs: number };
const caches = new WeakMap<Db, Cache>();

/** serverId → the latest reported call's time (ms), over the events matching `where`. */
async function latestByServer(client: Db, where: { seq?: { gt?: bigint; lte: bigint }; occurredAt: { gte: Date; lte?: Date } }): Promise<Map<string, number>> {
  const groups = await client.auditEvent.groupBy({
    by: ["serverId"],
    where: { ...where, action: { in: REPORTED_ACTIONS }, serverId: { not: null } },
    _max: { occurredAt: true },
  });
  return new Map(groups.flatMap((group) => (group.serverId && group._max.occurredAt ? [[group.serverId, group._max.occurredAt.getTime()] as const] : [])));
}

/** The servers with a reported call in [since, now]. */
export async function serversReportingSince(since: Date, now: Date): Promise<string[]> {
  const client = db();
  const { seq: head } = await client.auditHead.findUniqueOrThrow({ where: { id: 1 }, select: { seq: true } });
  const cached = caches.get(client);
  const usable = cached && cached.fromMs <= since.getTime() && cached.seq <= head ? cached : null;
  const added = await latestByServer(client, usable ? { seq: { gt: usable.seq, lte: head }, occurredAt: { gte: new Date(usable.fromMs) } } : { seq: { lte: head }, occurredAt: { gte: since } });
  const latest = new Map(usable?.latest);
  for (const [serverId, at] of added) latest.set(serverId, Math.max(at, latest.get(serverId) ?? Number.NEGATIVE_INFINITY));
  const maxMs = Math.max(usable?.maxMs ?? Number.NEGATIVE_INFINITY, ...added.values());
  if (maxMs > now.getTime()) {
    // a call dated after this request's instant: this window only, from scratch
    return [...(await latestByServer(client, { occurredAt: { gte: since, lte: now } })).keys()];
  }
  // servers whose latest call fell out of the window stay out of it: the window only moves forward
  caches.set(client, { seq: head, fromMs: usable?.fromMs ?? since.getTime(), latest, maxMs });
  return [...latest].flatMap(([serverId, at]) => (at >= since.getTime() ? [serverId] : []));
}
