// Runs of the scheduled jobs (lib/jobs/scheduler.ts): each tick, per job, one
// of success, failure, or skipped (another instance holds the job's lease),
// and when this instance last ran each job.
import { Gauge } from "prom-client";
import { HotCounter } from "@/lib/metrics/hot";
import { defineMetric } from "@/lib/metrics/registry";

export type JobResult = "success" | "failure" | "skipped";

const runs = defineMetric(
  "warden_scheduler_runs_total",
  (registry) => new HotCounter(registry, { name: "warden_scheduler_runs_total", help: "Scheduler ticks per job, by result (skipped: another instance holds the job's lease)", labelNames: ["job", "result"] }),
);
const lastRun = defineMetric(
  "warden_scheduler_last_run_timestamp_seconds",
  (registry) =>
    new Gauge({ name: "warden_scheduler_last_run_timestamp_seconds", help: "When this instance last finished running each job (Unix time), by result", labelNames: ["job", "result"] as const, registers: [registry] }),
);

export function countJobRun(job: string, result: JobResult): void {
  runs.labels(job, result).inc();
  // the clock, not the tick's `now` (tests pass made-up ones)
  if (result !== "skipped") lastRun.set({ job, result }, Date.now() / 1000);
}
