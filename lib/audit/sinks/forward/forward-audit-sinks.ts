// The "audit-forward" job (docs/audit-forwarding.md): every enabled sink that is
// due gets its backlog forwarded, several batches per run within a time budget,
// so a backlog drains over a few runs without holding the scheduler. Sinks run
// side by side (a few at a time), so one slow receiver does not hold up the rest.
import "server-only";
import { forwardSink, type SinkRunResult } from "@/lib/audit/sinks/forward/forward-sink";
import { db } from "@/lib/db/client";
import { outboundLimits } from "@/lib/http/outbound/settings";
import { logger } from "@/lib/log";

/** Time a run starts new batches in; a batch started late may add one send timeout, which keeps a run well inside the scheduler's minute next to the other jobs. */
export const FORWARD_BUDGET_MS = 20_000;
const CONCURRENCY = 4;

export type ForwardSummary = { sinks: number; batches: number; events: number; failing: number };

/** Forwards what is due at `now`; `sinkIds` narrows the run (a "retry now"). Times recorded follow the injected clock. */
export async function forwardAuditSinks(now = new Date(), options: { budgetMs?: number; timeoutMs?: number; sinkIds?: string[] } = {}): Promise<ForwardSummary> {
  const due = await db().auditSink.findMany({
    where: { enabled: true, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }], ...(options.sinkIds ? { id: { in: options.sinkIds } } : {}) },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  const summary: ForwardSummary = { sinks: due.length, batches: 0, events: 0, failing: 0 };
  if (due.length === 0) return summary;
  const started = Date.now();
  const clock = () => new Date(now.getTime() + (Date.now() - started));
  const run = { clock, deadline: started + (options.budgetMs ?? FORWARD_BUDGET_MS), timeoutMs: options.timeoutMs ?? outboundLimits().timeoutMs };
  const add = (result: SinkRunResult) => {
    summary.batches += result.batches;
    summary.events += result.events;
    if (result.failed) summary.failing += 1;
  };
  const queue = due.map((sink) => sink.id);
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      try {
        add(await forwardSink(id, run));
      } catch (error) {
        // a database error: the cursor did not move, the next run tries again
        summary.failing += 1;
        logger().error({ err: error, sinkId: id }, "audit forwarding failed for a sink");
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return summary;
}
