// Per UTC day, from the audit log: denied MCP calls, refused token requests,
// tokens issued and how many of them were DPoP-bound.
//
// Why a cache: with no index that holds both the time and the outcome (or the
// token type), a day costs one pass over its events through the occurredAt
// index — ~130 ms for a day of a 10M-event PostgreSQL log, several seconds for
// a 30-day window (docs/posture.md). The log is append-only
// and an event's time is when it was appended, so a day that has ended does
// not change: each process counts it once and keeps the numbers. An append
// that still lands in a counted day (a back-dated time) is found by looking at
// the events appended since the previous request (a primary-key range), and
// empties the cache. Today is counted the same way: what was counted up to a
// sequence number is kept, and each request adds the events appended since
// (the soak benchmark's console users, asking every few milliseconds while
// 500 events a second were appended, made the dashboard recount a growing day
// on every request and slowed every other request of a SQLite instance).
import "server-only";
import { db, type Db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/posture/scope";
import { dpopBound, run, sql, toNumber } from "@/lib/posture/sql";

export type DayCounts = { denied: number; refusals: number; issued: number; senderConstrained: number };

/** The actions the counts read. */
export const COUNTED_ACTIONS = ["mcp.decision", "token.refused", "token.exchange_refused", "token.issued"] as const;
/** Days kept before the window's first, for requests whose `now` is a little earlier. */
const KEEP_DAYS = 10;
/** Past days counted at once (PostgreSQL runs them on separate connections). */
const PARALLEL_DAYS = 4;

/** `generation` moves when the days are dropped, so a count that was running meanwhile is not kept. */
type Cache = { days: Map<number, DayCounts>; checkedSeq: bigint; generation: number; today: Today | null };
/** Today's events with seq ≤ `seq` (every one of the day's events appended by then), counted; `latest`: the latest time among them (ms). */
type Today = { start: number; seq: bigint; counts: DayCounts; latest: number };
type Counted = DayCounts & { latest: number | null };
const caches = new WeakMap<Db, Cache>();

/** One pass over [from, to) of the four actions (`inclusiveEnd`: [from, to]), optionally over the events with seq in (afterSeq, upToSeq] only. */
async function countRange(from: Date, to: Date, options: { inclusiveEnd?: boolean; afterSeq?: bigint; upToSeq?: bigint } = {}): Promise<Counted> {
  const query = sql();
  // bound in the order of the text: SQLite's `?` placeholders are positional
  const denied = `SUM(CASE WHEN "action" = ${query.bind("mcp.decision")} AND "outcome" = ${query.bind("denied")} THEN 1 ELSE 0 END)`;
  const refusals = `SUM(CASE WHEN "action" IN (${query.bind("token.refused")}, ${query.bind("token.exchange_refused")}) THEN 1 ELSE 0 END)`;
  // a token whose event retention pruned has no type any more: left out of the share altogether
  const issued = `SUM(CASE WHEN "action" = ${query.bind("token.issued")} AND "prunedAt" IS NULL THEN 1 ELSE 0 END)`;
  const bound = `SUM(CASE WHEN "action" = ${query.bind("token.issued")} AND "prunedAt" IS NULL THEN ${dpopBound(query)} ELSE 0 END)`;
  const actions = COUNTED_ACTIONS.map((action) => query.bind(action)).join(", ");
  const window = `"occurredAt" >= ${query.bind(from)} AND "occurredAt" ${options.inclusiveEnd ? "<=" : "<"} ${query.bind(to)}`;
  const after = options.afterSeq === undefined ? "" : ` AND "seq" > ${query.bind(options.afterSeq)}`;
  const upTo = options.upToSeq === undefined ? "" : ` AND "seq" <= ${query.bind(options.upToSeq)}`;
  const [row] = await run<Record<keyof DayCounts, number | bigint | null> & { latest: Date | string | null }>(
    query,
    `SELECT ${denied} AS "denied", ${refusals} AS "refusals", ${issued} AS "issued", ${bound} AS "senderConstrained", MAX("occurredAt") AS "latest" FROM "AuditEvent" WHERE "action" IN (${actions}) AND ${window}${after}${upTo}`,
  );
  return {
    denied: toNumber(row?.denied),
    refusals: toNumber(row?.refusals),
    issued: toNumber(row?.issued),
    senderConstrained: toNumber(row?.senderConstrained),
    latest: row?.latest == null ? null : new Date(row.latest).getTime(),
  };
}

const sum = (a: DayCounts, b: DayCounts): DayCounts => ({ denied: a.denied + b.denied, refusals: a.refusals + b.refusals, issued: a.issued + b.issued, senderConstrained: a.senderConstrained + b.senderConstrained });
const countsOf = ({ denied, refusals, issued, senderConstrained }: Counted): DayCounts => ({ denied, refusals, issued, senderConstrained });

/**
 * Today (the day starting at `start`, not ended by `now`) up to `now`: the kept
 * count plus the events appended since, up to `head` (committed: the chain's
 * head moves under its lock, in the appending transaction). Only when every
 * counted event is at or before `now` — otherwise (a request for an earlier
 * instant, an event dated ahead) it counts up to `now` from scratch, keeping nothing.
 */
async function countToday(cache: Cache, start: Date, now: Date, head: bigint): Promise<DayCounts> {
  const end = new Date(start.getTime() + DAY_MS);
  const kept = cache.today && cache.today.start === start.getTime() && cache.today.latest <= now.getTime() ? cache.today : null;
  const added = await countRange(start, end, { afterSeq: kept?.seq, upToSeq: head });
  const latest = Math.max(kept?.latest ?? Number.NEGATIVE_INFINITY, added.latest ?? Number.NEGATIVE_INFINITY);
  if (latest > now.getTime()) return countsOf(await countRange(start, now, { inclusiveEnd: true }));
  const counts = kept ? sum(kept.counts, countsOf(added)) : countsOf(added);
  cache.today = { start: start.getTime(), seq: head, counts, latest };
  return counts;
}

/** Drops the cached days when an event appended since the last look falls into one of them. */
async function revalidate(client: Db, cache: Cache): Promise<bigint> {
  const { seq: head } = await client.auditHead.findUniqueOrThrow({ where: { id: 1 }, select: { seq: true } });
  if (cache.days.size > 0 && head > cache.checkedSeq) {
    const lastCounted = Math.max(...cache.days.keys()) + DAY_MS;
    // bounded on both sides, so the planner walks the primary key over the new events only
    const late = await client.auditEvent.count({
      where: { seq: { gt: cache.checkedSeq, lte: head }, action: { in: [...COUNTED_ACTIONS] }, occurredAt: { lt: new Date(lastCounted) } },
    });
    if (late > 0) {
      cache.days.clear();
      cache.generation += 1;
    }
  }
  // every event up to head is committed, so what is counted from here on includes it
  cache.checkedSeq = head;
  return head;
}

/**
 * The counts of each day starting at `starts` (UTC midnights, ascending); a
 * day that has not ended by `now` is counted up to `now` and not kept.
 */
export async function dailyCounts(starts: Date[], now: Date): Promise<DayCounts[]> {
  const client = db();
  let cache = caches.get(client);
  if (!cache) {
    cache = { days: new Map(), checkedSeq: 0n, generation: 0, today: null };
    caches.set(client, cache);
  }
  const head = await revalidate(client, cache);
  const { days } = cache;
  const generation = cache.generation;
  const ended = (start: Date) => start.getTime() + DAY_MS <= now.getTime();
  const fresh = new Map<number, DayCounts>();
  const missing = starts.filter((start) => ended(start) && !days.has(start.getTime()));
  for (let index = 0; index < missing.length; index += PARALLEL_DAYS) {
    const batch = missing.slice(index, index + PARALLEL_DAYS);
    const counted = await Promise.all(batch.map((start) => countRange(start, new Date(start.getTime() + DAY_MS))));
    batch.forEach((start, at) => fresh.set(start.getTime(), countsOf(counted[at]!)));
  }
  // not kept when a late event dropped the days meanwhile: the count may have missed it
  if (cache.generation === generation) for (const [start, counts] of fresh) days.set(start, counts);
  const oldest = (starts[0]?.getTime() ?? now.getTime()) - KEEP_DAYS * DAY_MS;
  for (const start of days.keys()) if (start < oldest) days.delete(start);
  return Promise.all(
    starts.map((start) => {
      if (start.getTime() > now.getTime()) return { denied: 0, refusals: 0, issued: 0, senderConstrained: 0 };
      if (!ended(start)) return countToday(cache, start, now, head);
      return fresh.get(start.getTime()) ?? days.get(start.getTime()) ?? countRange(start, new Date(start.getTime() + DAY_MS)).then(countsOf);
    }),
  );
}
