// Warden's in-process scheduler: every JOB_INTERVAL_MS each instance tries to
// take a job's lease (lib/jobs/lease.ts) and runs the job only if it holds it,
// so with several instances on one database exactly one runs it at a time.
// Each run is logged with what it did and recorded on the lease row.
import "server-only";
import { forwardAuditSinks } from "@/lib/audit/sinks/forward/forward-audit-sinks";
import { runCampaignSchedule } from "@/lib/campaigns/run-schedule";
import { acquireLease, recordRun } from "@/lib/jobs/lease";
import { logger } from "@/lib/log";
import { countJobRun } from "@/lib/metrics/jobs";
import { dispatchNotifications } from "@/lib/notifications/dispatch";

export const JOB_INTERVAL_MS = 60_000;
const LEASE_MS = 2 * JOB_INTERVAL_MS;

type Job = { name: string; run: (now: Date) => Promise<Record<string, unknown>> };

export const JOBS: Job[] = [
  { name: "campaign-schedule", run: (now) => runCampaignSchedule(now) },
  { name: "notification-dispatch", run: (now) => dispatchNotifications(now) },
  { name: "audit-forward", run: (now) => forwardAuditSinks(now) },
  { name: "audit-facet-backfill", run: async () => (await import("@/lib/audit/integrity/backfill-facets")).backfillAuditFacets() },
  { name: "audit-anchor", run: async (now) => (await import("@/lib/audit/anchor/run-anchor-job")).runAuditAnchorJob(now) },
  { name: "audit-retention", run: async (now) => (await import("@/lib/audit/retention/run-retention")).runAuditRetention(now) },
  { name: "audit-verify", run: async (now) => (await import("@/lib/audit/integrity/run-verify-job")).runAuditVerifyJob(now) },
  { name: "rate-limit-prune", run: async (now) => (await import("@/lib/rate-limit/prune-rate-limits")).pruneRateLimits(now) },
  { name: "access-request-expiry", run: async (now) => (await import("@/lib/access-requests/expire-access-requests")).expireAccessRequests(now) },
];

/** One tick: runs every job whose lease this instance holds; returns the jobs it ran. `stopped` ends it between jobs. */
export async function runDueJobs(now = new Date(), stopped: () => boolean = () => false, leaseMs = LEASE_MS): Promise<string[]> {
  const ran: string[] = [];
  const started = Date.now();
  for (const job of JOBS) {
    if (stopped()) break;
    try {
      // the lease runs from when this job starts, not from the tick's start: after slow jobs earlier
      // in the tick, a lease dated at the tick's start could lapse while this job still runs, and
      // another instance would take it and run the job again less than a tick later
      const at = new Date(now.getTime() + (Date.now() - started));
      if (!(await acquireLease(job.name, leaseMs, { now: at }))) {
        countJobRun(job.name, "skipped");
        continue;
      }
      const summary = await job.run(now);
      await recordRun(job.name, summary, { now: at });
      countJobRun(job.name, "success");
      logger().info({ job: job.name, ...summary }, "scheduled job ran");
      ran.push(job.name);
    } catch (error) {
      countJobRun(job.name, "failure");
      logger().error({ err: error, job: job.name }, "scheduled job failed; it runs again at the next tick");
    }
  }
  return ran;
}

/**
 * Starts the ticks. The returned function stops them: no job starts after it, and it resolves once the job running then has finished (a graceful shutdown waits for it).
 * `intervalMs` exists for tests that watch several instances share the jobs over many ticks (the lease lasts two ticks, as in production).
 */
export function startScheduler(options: { intervalMs?: number } = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? JOB_INTERVAL_MS;
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const tick = () => {
    // a tick still running (a slow job) would otherwise run its jobs a second time beside it: the lease is this instance's either way
    if (running.size > 0) return;
    const run = runDueJobs(new Date(), () => stopped, 2 * intervalMs).finally(() => running.delete(run));
    running.add(run);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await Promise.allSettled([...running]);
  };
}
