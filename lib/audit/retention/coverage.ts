// Which tombstones a retention run entitled: an AuditPrune row of the event's
// class whose checkpoint anchor — signed by Warden — states that class's
// cutoff, with the event at or before the anchored position and older than
// the cutoff. The AuditPrune table alone would not do: anyone who can write
// the database could add a row; nobody without the signing key can add the
// signed claim, so recent events cannot be emptied under cover of retention.
import { eventClassOf, type EventClass } from "@/lib/audit/event-classes";
import type { AnchorCheck, AnchorRow } from "@/lib/audit/anchor/verify-anchor";
import type { Db } from "@/lib/db/client";

/** Runs of one class ordered by upToSeq, with the latest cutoff among each run and those after it. */
type ClassRuns = { upToSeq: bigint[]; laterCutoff: number[] };

async function loadRuns(client: Db, verify: (anchor: AnchorRow) => Promise<AnchorCheck>): Promise<Map<string, ClassRuns>> {
  const prunes = await client.auditPrune.findMany({ where: { anchorId: { not: null } }, orderBy: { upToSeq: "asc" } });
  const ids = [...new Set(prunes.map((prune) => prune.anchorId!))];
  const anchors = new Map((ids.length ? await client.auditAnchor.findMany({ where: { id: { in: ids } } }) : []).map((anchor) => [anchor.id, anchor]));
  const accepted = new Map<string, { upToSeq: bigint; cutoff: number }[]>();
  for (const prune of prunes) {
    const anchor = anchors.get(prune.anchorId!);
    if (!anchor) continue;
    const checked = await verify(anchor);
    if (!checked.ok || checked.payload.seq !== prune.upToSeq.toString()) continue;
    const signedCutoff = checked.payload.retention?.[prune.eventClass as EventClass];
    if (signedCutoff === undefined || signedCutoff !== prune.cutoff.toISOString()) continue;
    const runs = accepted.get(prune.eventClass) ?? [];
    runs.push({ upToSeq: prune.upToSeq, cutoff: prune.cutoff.getTime() });
    accepted.set(prune.eventClass, runs);
  }
  const byClass = new Map<string, ClassRuns>();
  for (const [eventClass, runs] of accepted) {
    const laterCutoff = runs.map((run) => run.cutoff);
    for (let index = laterCutoff.length - 2; index >= 0; index--) laterCutoff[index] = Math.max(laterCutoff[index]!, laterCutoff[index + 1]!);
    byClass.set(eventClass, { upToSeq: runs.map((run) => run.upToSeq), laterCutoff });
  }
  return byClass;
}

function covered(byClass: Map<string, ClassRuns>, row: { seq: bigint; action: string; occurredAt: Date }): boolean {
  const runs = byClass.get(eventClassOf(row.action));
  if (!runs) return false;
  // the first run reaching this seq; any run from there on reaches it too
  let low = 0;
  let high = runs.upToSeq.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (runs.upToSeq[middle]! < row.seq) low = middle + 1;
    else high = middle;
  }
  return low < runs.upToSeq.length && row.occurredAt.getTime() < runs.laterCutoff[low]!;
}

/**
 * Loaded after the first tombstone was read (a run records itself before it
 * prunes anything, so its records are visible by then), and again on a miss:
 * a run that started later in the walk is legitimate too.
 */
export function pruneCoverage(client: Db, verify: (anchor: AnchorRow) => Promise<AnchorCheck>): (row: { seq: bigint; action: string; occurredAt: Date }) => Promise<boolean> {
  let byClass: Map<string, ClassRuns> | null = null;
  return async (row) => {
    if (byClass && covered(byClass, row)) return true;
    byClass = await loadRuns(client, verify);
    return covered(byClass, row);
  };
}
