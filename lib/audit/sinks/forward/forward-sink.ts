// Forwards one sink's backlog, batch after batch, until it is caught up, a
// batch fails, or the run's time is up. At least once and in order: the cursor
// moves only after a batch was delivered, and only with a compare-and-set on
// the cursor it was read at, so a second runner (a "retry now" during the
// scheduled run) can repeat a batch but never move the cursor back or past a
// batch it did not deliver. A failure keeps the cursor and backs off.
import "server-only";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { deliverBatch } from "@/lib/audit/sinks/forward/deliver";
import { readBatch, type Batch } from "@/lib/audit/sinks/forward/read-batch";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { logger } from "@/lib/log";
import { shortError } from "@/lib/notifications/short-error";

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

/** The wait after the n-th consecutive failure: 30 s, 1 min, 2 min, … at most an hour. */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1), BACKOFF_MAX_MS);
}

export type SinkRunOptions = { clock: () => Date; deadline: number; timeoutMs: number };
export type SinkRunResult = { batches: number; events: number; failed: boolean };

type SinkRow = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["auditSink"]["findUnique"]>>>;

async function advance(sink: SinkRow, batch: Batch, at: Date): Promise<boolean> {
  const moved = await db().auditSink.updateMany({
    where: { id: sink.id, cursorSeq: sink.cursorSeq },
    data: { cursorSeq: batch.examinedTo, failures: 0, nextAttemptAt: null, ...(batch.records.length > 0 ? { lastSuccessAt: at } : {}) },
  });
  return moved.count === 1;
}

// The audit event marks the start of an outage only, not every retry: the
// failures counter and lastError tell the rest.
async function recordFailure(sink: SinkRow, error: string, at: Date): Promise<void> {
  const failures = sink.failures + 1;
  const lastError = shortError(error);
  const nextAttemptAt = new Date(at.getTime() + backoffMs(failures));
  const where = { id: sink.id, cursorSeq: sink.cursorSeq, failures: sink.failures };
  const data = { failures, nextAttemptAt, lastError };
  if (sink.failures > 0) {
    await db().auditSink.updateMany({ where, data });
    return;
  }
  logger().warn({ sinkId: sink.id, kind: sink.kind, error: lastError }, "audit sink failing; retried with backoff");
  await transact(async (tx) => {
    const recorded = await tx.auditSink.updateMany({ where, data });
    if (recorded.count !== 1) return;
    await appendAuditEvent(tx, {
      action: "audit_sink.failed",
      actor: actorRef(SYSTEM_ACTOR),
      target: { type: "audit_sink", id: sink.id },
      outcome: "failure",
      details: { name: sink.name, kind: sink.kind, error: lastError, cursorSeq: sink.cursorSeq.toString(), nextAttemptAt: nextAttemptAt.toISOString() },
    });
  });
}

export async function forwardSink(sinkId: string, options: SinkRunOptions): Promise<SinkRunResult> {
  const result: SinkRunResult = { batches: 0, events: 0, failed: false };
  while (Date.now() < options.deadline) {
    // read again each round: the cursor to compare against, and whether it was disabled or deleted meanwhile
    const sink = await db().auditSink.findUnique({ where: { id: sinkId } });
    if (!sink || !sink.enabled) break;
    const batch = await readBatch(sink);
    if (batch.examinedTo <= sink.cursorSeq) break;
    if (batch.records.length > 0) {
      const attempt = await deliverBatch(sink, batch, options.timeoutMs);
      if (!attempt.ok) {
        await recordFailure(sink, attempt.error, options.clock());
        result.failed = true;
        break;
      }
      result.batches += 1;
      result.events += batch.records.length;
    }
    if (!(await advance(sink, batch, options.clock()))) break;
  }
  return result;
}
