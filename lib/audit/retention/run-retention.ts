// The "audit-retention" job (lib/jobs/scheduler.ts): for each event class with
// a retention period, at most once a day, turns events older than the cutoff
// into tombstones (lib/audit/retention/tombstone.ts). Order matters:
//   1. checkpoint: one anchor signs the head together with each class's
//      cutoff, and the AuditPrune rows are written in the same transaction —
//      before any content goes, so a run that dies half-way leaves only
//      tombstones that a signed run covers (the next run finishes the job);
//   2. prune in batches (one UPDATE each; nothing waits long on the lock);
//   3. record the counts and append audit.pruned per class.
import "server-only";
import { createAnchor, NoSigningKeyError } from "@/lib/audit/anchor/create-anchor";
import { actorRef, appendAuditEvents } from "@/lib/audit/append";
import { actionsOfClass, EVENT_CLASSES, type EventClass } from "@/lib/audit/event-classes";
import { singleFlight } from "@/lib/audit/integrity/single-flight";
import { tombstoneData } from "@/lib/audit/retention/tombstone";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db, type Db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { readSettings } from "@/lib/settings/get-settings";

const DAY_MS = 86_400_000;
const BATCH = 2000;

type Due = { eventClass: EventClass; days: number; cutoff: Date };
export type RetentionSummary = { pruned: Partial<Record<EventClass, number>>; anchorId?: string; skipped?: string };

function eligible(eventClass: EventClass, cutoff: Date, upToSeq?: bigint) {
  return { action: { in: actionsOfClass(eventClass) }, occurredAt: { lt: cutoff }, prunedAt: null, ...(upToSeq !== undefined ? { seq: { lte: upToSeq } } : {}) };
}

// Finding nothing to prune scans the old rows (tombstones included: no index
// has prunedAt), so a class found empty is looked at again an hour later, not
// every minute. Per client, because tests run several databases in a process.
const LOOK_AGAIN_MS = 3_600_000;
const foundNothing = new WeakMap<Db, Map<EventClass, number>>();

async function dueClasses(client: Db, now: Date): Promise<Due[]> {
  const { auditRetentionDays } = await readSettings(client);
  const looked = foundNothing.get(client) ?? new Map<EventClass, number>();
  foundNothing.set(client, looked);
  const due: Due[] = [];
  for (const eventClass of EVENT_CLASSES) {
    const days = auditRetentionDays[eventClass];
    if (days === null || eventClass === "audit") continue;
    if (now.getTime() - (looked.get(eventClass) ?? -Infinity) < LOOK_AGAIN_MS) continue;
    // retention is counted in days: one run a day per class keeps anchors and records few
    const last = await client.auditPrune.findFirst({ where: { eventClass }, orderBy: { at: "desc" }, select: { at: true } });
    if (last && now.getTime() - last.at.getTime() < DAY_MS) continue;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    if (await client.auditEvent.findFirst({ where: eligible(eventClass, cutoff), select: { seq: true } })) {
      due.push({ eventClass, days, cutoff });
      looked.delete(eventClass);
    } else {
      looked.set(eventClass, now.getTime());
    }
  }
  return due;
}

async function prune(client: Db, run: Due, upToSeq: bigint, now: Date, batchSize: number): Promise<number> {
  let pruned = 0;
  for (const action of actionsOfClass(run.eventClass)) {
    const data = tombstoneData(action, now);
    for (;;) {
      const { count } = await client.auditEvent.updateMany({ where: { ...eligible(run.eventClass, run.cutoff, upToSeq), action }, data, limit: batchSize });
      pruned += count;
      if (count < batchSize) break;
    }
  }
  // the scope index rows of what was pruned: a tombstone names no scope, so the scope filter must not find it
  await client.auditEventScope.deleteMany({ where: { seq: { lte: upToSeq }, event: { prunedAt: { not: null }, action: { in: actionsOfClass(run.eventClass) } } } });
  return pruned;
}

export async function runAuditRetention(now = new Date(), options: { client?: Db; batchSize?: number } = {}): Promise<RetentionSummary | { skipped: string }> {
  return singleFlight("audit-retention", async (): Promise<RetentionSummary> => {
    const client = options.client ?? db();
    const due = await dueClasses(client, now);
    if (due.length === 0) return { pruned: {} };
    const runIds = new Map(due.map((run) => [run.eventClass, newId("auditPrune")]));
    let anchor;
    try {
      anchor = await createAnchor({
        actor: actorRef(SYSTEM_ACTOR),
        now,
        client,
        retention: Object.fromEntries(due.map((run) => [run.eventClass, run.cutoff])),
        alsoInside: async (tx, signed) => {
          for (const run of due) {
            await tx.auditPrune.create({ data: { id: runIds.get(run.eventClass)!, eventClass: run.eventClass, cutoff: run.cutoff, upToSeq: signed.seq, pruned: 0, anchorId: signed.id, at: now } });
          }
        },
      });
    } catch (error) {
      // without a signed checkpoint nothing may be pruned
      if (error instanceof NoSigningKeyError) return { pruned: {}, skipped: error.message };
      throw error;
    }
    const { id: anchorId, seq: upToSeq } = anchor!;
    const pruned: Partial<Record<EventClass, number>> = {};
    for (const run of due) pruned[run.eventClass] = await prune(client, run, upToSeq, now, options.batchSize ?? BATCH);
    await transact(async (tx) => {
      for (const run of due) await tx.auditPrune.update({ where: { id: runIds.get(run.eventClass)! }, data: { pruned: pruned[run.eventClass]! } });
      await appendAuditEvents(
        tx,
        due.map((run) => ({
          action: "audit.pruned" as const,
          actor: actorRef(SYSTEM_ACTOR),
          target: { type: "audit_prune", id: runIds.get(run.eventClass)! },
          details: { eventClass: run.eventClass, retentionDays: run.days, cutoff: run.cutoff.toISOString(), upToSeq: upToSeq.toString(), pruned: pruned[run.eventClass]!, anchorId },
          at: now,
        })),
      );
    }, client);
    return { pruned, anchorId };
  });
}
