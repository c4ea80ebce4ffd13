// One soak phase: closed-loop workers of every kind against a set of running
// instances — a warm-up, then the measured window with a progress line every
// interval — and the instances' memory read from /proc (VmRSS of each
// instance's server process) after the warm-up, every few seconds, and at the
// end of the window, all under load. Every answer is judged
// (./workload.ts); a wrong one is an error, in the warm-up too.
import os from "node:os";
import { serverProcess } from "@/scripts/bench/policy/common";
import { cpuSince, cpuSnapshot, type CpuUse } from "@/scripts/bench/soak/cpu";
import { Upstreams } from "@/scripts/bench/soak/http";
import { Histogram } from "@/scripts/bench/soak/latency";
import { createWorkload, type Kind, type Outcome, type WorkloadOptions } from "@/scripts/bench/soak/workload";
import type { SoakFixture } from "@/scripts/bench/soak/setup";

export type PhaseOptions = {
  label: string;
  /** URLs the load is spread over, in turn (the instances, or one proxy) */
  urls: string[];
  /** root process id of each instance: its server process is the largest in its tree */
  pids: number[];
  fixture: SoakFixture;
  workload: WorkloadOptions;
  /** closed-loop workers per kind; kinds with none are not run */
  concurrency: Partial<Record<Kind, number>>;
  warmupSeconds: number;
  durationSeconds: number;
  progressEverySeconds: number;
  log?: (line: string) => void;
};

/** `routes`: latency per route of the kinds that mix several (the console's) */
export type KindStats = { kind: Kind; requests: number; errors: number; answers: Record<string, number>; errorSamples: string[]; latency: Histogram; routes: Map<string, Histogram> };
export type Memory = { pid: number | null; startBytes: number | null; endBytes: number | null; maxBytes: number };
export type PhaseResult = {
  label: string;
  instances: number;
  seconds: number;
  kinds: KindStats[];
  total: { requests: number; errors: number; latency: Histogram };
  warmup: { requests: number; errors: number; errorSamples: string[] };
  memory: Memory[];
  cpu: CpuUse;
  loadAverage: { start: number; end: number };
  /** lines the caller adds to the report (e.g. what the instances logged) */
  notes?: string[];
};

const MAX_SAMPLES = 5;
const RSS_EVERY_MS = 5000;
/** Kinds whose latency is a deliberate wait, kept out of the total's percentiles. */
export const HELD_KINDS: readonly Kind[] = ["longpoll"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const emptyStats = (kind: Kind): KindStats => ({ kind, requests: 0, errors: 0, answers: {}, errorSamples: [], latency: new Histogram(), routes: new Map() });

function rssOf(pid: number): { pid: number; bytes: number } | null {
  const found = serverProcess(pid);
  return found ? { pid: found.pid, bytes: found.rssBytes } : null;
}

function intervalLine(elapsedSeconds: number, interval: Map<Kind, KindStats>, seconds: number, memory: Memory[]): string {
  // rounded to whole seconds first: 119.6 s is 2:00, not 1:60
  const whole = Math.round(elapsedSeconds);
  const clock = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  const parts = [...interval.values()].map((stats) => `${stats.kind} ${Math.round(stats.requests / seconds)}/s p99 ${stats.latency.percentile(99).toFixed(0)}ms${stats.errors ? ` ERR ${stats.errors}` : ""}`);
  const rss = memory.map((item) => (item.endBytes === null ? "—" : (item.endBytes / 1048576).toFixed(0))).join("/");
  return `    [${clock.padStart(5)}] ${parts.join(" | ")} | RSS ${rss} MiB | load ${os.loadavg()[0]!.toFixed(2)}`;
}

export async function runPhase(options: PhaseOptions): Promise<PhaseResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const upstreams = new Upstreams(options.urls);
  const makeWorker = createWorkload(options.fixture, options.workload);
  const kinds = (Object.entries(options.concurrency) as [Kind, number][]).filter(([, count]) => count > 0);
  let state: "warmup" | "measure" | "stopped" = "warmup";
  const warmup = { requests: 0, errors: 0, errorSamples: [] as string[] };
  const totals = new Map<Kind, KindStats>(kinds.map(([kind]) => [kind, emptyStats(kind)]));
  let interval = new Map<Kind, KindStats>(kinds.map(([kind]) => [kind, emptyStats(kind)]));

  const record = (kind: Kind, outcome: Outcome) => {
    if (state === "stopped") return;
    if (state === "warmup") {
      warmup.requests += 1;
      if (!outcome.ok) {
        warmup.errors += 1;
        if (warmup.errorSamples.length < MAX_SAMPLES) warmup.errorSamples.push(`${kind}: ${outcome.error}`);
      }
      return;
    }
    if (outcome.route !== undefined) {
      const routes = totals.get(kind)!.routes;
      if (!routes.has(outcome.route)) routes.set(outcome.route, new Histogram());
      routes.get(outcome.route)!.record(outcome.ms);
    }
    for (const stats of [totals.get(kind)!, interval.get(kind)!]) {
      stats.requests += 1;
      stats.latency.record(outcome.ms);
      if (outcome.ok) stats.answers[outcome.answer] = (stats.answers[outcome.answer] ?? 0) + 1;
      else {
        stats.errors += 1;
        if (stats.errorSamples.length < MAX_SAMPLES) stats.errorSamples.push(outcome.error);
      }
    }
  };

  const loops = kinds.flatMap(([kind, count]) =>
    Array.from({ length: count }, async (_, index) => {
      const worker = makeWorker(kind, index, count);
      while (state !== "stopped") {
        let outcome: Outcome;
        try {
          outcome = await worker(upstreams.pick());
        } catch (error) {
          outcome = { ms: 0, ok: false, error: `worker: ${(error as Error).message}` };
        }
        record(kind, outcome);
        // a refused connection fails at once; do not spin on it
        if (!outcome.ok) await sleep(50);
      }
    }),
  );

  await sleep(options.warmupSeconds * 1000);
  const memory: Memory[] = options.pids.map((pid) => {
    const rss = rssOf(pid);
    return { pid: rss?.pid ?? null, startBytes: rss?.bytes ?? null, endBytes: rss?.bytes ?? null, maxBytes: rss?.bytes ?? 0 };
  });
  const sampleMemory = () =>
    options.pids.forEach((pid, index) => {
      const rss = rssOf(pid);
      memory[index]!.endBytes = rss?.bytes ?? null;
      memory[index]!.maxBytes = Math.max(memory[index]!.maxBytes, rss?.bytes ?? 0);
    });
  const loadStart = os.loadavg()[0]!;
  const cpuStart = cpuSnapshot(options.pids);
  state = "measure";
  const started = performance.now();
  let lastProgress = started;
  const memoryTimer = setInterval(sampleMemory, RSS_EVERY_MS);
  const progressTimer = setInterval(() => {
    const now = performance.now();
    log(intervalLine((now - started) / 1000, interval, (now - lastProgress) / 1000, memory));
    lastProgress = now;
    interval = new Map(kinds.map(([kind]) => [kind, emptyStats(kind)]));
  }, options.progressEverySeconds * 1000);

  await sleep(options.durationSeconds * 1000);
  clearInterval(progressTimer);
  clearInterval(memoryTimer);
  sampleMemory();
  const cpu = cpuSince(cpuStart, options.pids);
  const seconds = (performance.now() - started) / 1000;
  const loadEnd = os.loadavg()[0]!;
  state = "stopped";
  // requests in flight finish uncounted; held long polls would keep their loops for up to --wait
  // seconds, so after a short grace every socket is closed instead
  const settled = Promise.all(loops);
  await Promise.race([settled, sleep(2000)]);
  upstreams.close();
  await settled;

  const kindStats = [...totals.values()];
  const total = { requests: 0, errors: 0, latency: new Histogram() };
  for (const stats of kindStats) {
    total.requests += stats.requests;
    total.errors += stats.errors;
    if (!HELD_KINDS.includes(stats.kind)) total.latency.add(stats.latency);
  }
  return { label: options.label, instances: options.pids.length, seconds, kinds: kindStats, total, warmup, memory, cpu, loadAverage: { start: loadStart, end: loadEnd } };
}
