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
];

/** One tick: runs every job whose lease this instance holds; returns the jobs it ran. */
export async function runDueJobs(now = new Date()): Promise<string[]> {
  const ran: string[] = [];
  for (const job of JOBS) {
    try {
      if (!(await acquireLease(job.name, LEASE_MS, { now }))) {
        countJobRun(job.name, "skipped");
        continue;
      }
      const summary = await job.run(now);
      await recordRun(job.name, summary, { now });
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

export function startScheduler(): () => void {
  const timer = setInterval(() => void runDueJobs(), JOB_INTERVAL_MS);
  timer.unref();
  void runDueJobs();
  return () => clearInterval(timer);
}
