// The mixed soak (issue "Reliability, security and scale-out", "Load"): token
// issuance, polling gateways (conditional GETs and long polls), event
// ingestion and console users, all at once, closed-loop, for --duration
// seconds on one instance (default: embedded SQLite) or three on PostgreSQL;
// --compare runs one then three instances on PostgreSQL, each on a fresh
// database seeded the same way, and prints the throughput ratio. Each instance
// is the production server (`npm start`'s, the app built first if needed).
// Reports every --progress seconds and at the end: per kind and in total
// requests, req/s, p50/p95/p99, errors with samples, each instance's RSS after
// the warm-up, at the end and at most; exits 1 if any answer was wrong.
// Usage: npm run bench -- soak [--duration 600] [--instances 1|3] [--db sqlite|postgresql]
//   [--compare] [--concurrency 4] [--warmup 30] [--wait 10] [--batch 20] [--progress 60]
//   [--only token,poll,longpoll,events,console-api,console-page] [--proxy] [--keep]
import { parseArgs } from "node:util";
import { disconnectDb } from "@/lib/db/client";
import { withScratchTarget } from "@/scripts/bench/scratch-target";
import { pointAtScratch } from "@/scripts/bench/soak/environment";
import { runPhase, type PhaseResult } from "@/scripts/bench/soak/phase";
import { instanceLogNotes, machineLine, phaseErrors, printComparison, printCpuNote, printPhase } from "@/scripts/bench/soak/report";
import { DEFAULT_SIZES, seedSoak } from "@/scripts/bench/soak/setup";
import { KINDS, type Kind } from "@/scripts/bench/soak/workload";
import { freePort } from "@/scripts/cluster/instances";
import { startCluster } from "@/scripts/cluster/start-cluster";

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    duration: { type: "string", default: "600" },
    instances: { type: "string" },
    db: { type: "string" },
    compare: { type: "boolean", default: false },
    concurrency: { type: "string", default: "4" },
    warmup: { type: "string" },
    wait: { type: "string", default: "10" },
    batch: { type: "string", default: "20" },
    progress: { type: "string", default: "60" },
    only: { type: "string" },
    proxy: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});

class UsageError extends Error {}
function whole(name: string, value: string | undefined, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got ${value})`);
  return number;
}

function settings() {
  const duration = whole("duration", values.duration, 5, 24 * 3600);
  const instances = values.compare ? 3 : whole("instances", values.instances ?? "1", 1, 3);
  if (values.instances && values.compare) throw new UsageError("--compare runs 1 and then 3 instances; leave out --instances");
  const db = values.db ?? (values.compare || instances > 1 ? "postgresql" : "sqlite");
  if (db !== "sqlite" && db !== "postgresql") throw new UsageError("--db is sqlite or postgresql");
  // SQLite is one file on one machine: several instances share a database only on PostgreSQL
  if (db === "sqlite" && (instances > 1 || values.compare)) throw new UsageError("several instances need PostgreSQL: use --db postgresql (the default with --instances 3 and --compare)");
  const concurrency = whole("concurrency", values.concurrency, 1, 256);
  const wait = whole("wait", values.wait, 1, 60);
  const warmup = values.warmup === undefined ? Math.min(30, Math.max(3, Math.round(duration / 10))) : whole("warmup", values.warmup, 0, 3600);
  const perKind: Record<Kind, number> = {
    token: concurrency,
    poll: concurrency,
    longpoll: concurrency,
    events: Math.max(1, Math.round(concurrency / 2)),
    "console-api": Math.max(1, Math.round(concurrency / 2)),
    // a page render costs the server tens of times an API call; people load far fewer
    "console-page": Math.max(1, Math.round(concurrency / 4)),
  };
  // a subset of the kinds, to see what one kind costs the others
  const only = values.only?.split(",").map((kind) => kind.trim());
  for (const kind of only ?? []) if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`--only takes ${KINDS.join(",")}`);
  for (const kind of KINDS) if (only && !only.includes(kind)) perKind[kind] = 0;
  return {
    duration,
    warmup,
    wait,
    batch: whole("batch", values.batch, 1, 500),
    progress: whole("progress", values.progress, 1, 3600),
    provider: db as "sqlite" | "postgresql",
    phases: values.compare ? [1, 3] : [instances],
    perKind,
  };
}

type Settings = ReturnType<typeof settings>;

async function phase(config: Settings, instances: number): Promise<PhaseResult> {
  const label = `${instances} instance${instances === 1 ? "" : "s"} on ${config.provider === "sqlite" ? "SQLite" : "PostgreSQL"}`;
  return withScratchTarget(config.provider, "soak", { keep: values.keep }, async (scratch) => {
    const proxyPort = await freePort();
    const publicUrl = `http://127.0.0.1:${proxyPort}`;
    const env = pointAtScratch(scratch, publicUrl);
    const fixture = await seedSoak(DEFAULT_SIZES);
    await disconnectDb();
    const sizes = fixture.sizes;
    console.log(`\n  ${label}: seeded ${sizes.consoleUsers} console users, ${sizes.servers} servers × ${sizes.toolsPerServer} tools, ${sizes.agents} agents (each granted one server's tools), ${sizes.gateways} gateways in ${fixture.seconds.toFixed(1)} s`);
    console.log(`  starting ${label} (the production server; the first start after a source change builds the app, which takes minutes)…`);
    const cluster = await startCluster({ instances, env, proxyPort, readyTimeoutMs: 20 * 60_000 });
    try {
      const urls = values.proxy ? [cluster.url] : cluster.instances.map((instance) => instance.url);
      console.log(`  up: ${cluster.instances.map((instance) => `${instance.url} (pid ${instance.pid})`).join(", ")}; load ${values.proxy ? `through the proxy ${cluster.url}` : "spread over the instances by the load generator"}`);
      console.log(`  warm-up ${config.warmup} s, then ${config.duration} s measured:`);
      const result = await runPhase({
        label,
        urls,
        pids: cluster.instances.map((instance) => instance.pid),
        fixture,
        workload: { publicUrl, longPollWaitSeconds: config.wait, eventsPerBatch: config.batch, timeoutMs: 30_000 },
        concurrency: config.perKind,
        warmupSeconds: config.warmup,
        durationSeconds: config.duration,
        progressEverySeconds: config.progress,
      });
      result.notes = instanceLogNotes(cluster.instances.map((instance) => instance.output()));
      return result;
    } finally {
      await cluster.stop();
    }
  });
}

async function main(): Promise<number> {
  const config = settings();
  console.log(`Soak: token issuance, gateway polls and long polls, event ingestion, console API and pages, mixed and closed-loop`);
  console.log(`  ${machineLine()}, ${new Date().toISOString()}`);
  console.log(`  workers per kind: ${Object.entries(config.perKind).filter(([, count]) => count > 0).map(([kind, count]) => `${kind} ${count}`).join(", ")}; long polls wait ${config.wait} s; ${config.batch} events per batch`);
  console.log(`  rate limits of the token, introspection and ingestion endpoints raised out of reach (the limiter still counts every request)`);
  printCpuNote(Math.max(...config.phases), console.log);
  const results: PhaseResult[] = [];
  for (const instances of config.phases) results.push(await phase(config, instances));
  console.log(`\nResults (${machineLine()})`);
  for (const result of results) printPhase(result, console.log);
  if (results.length === 2) printComparison(results[0]!, results[1]!, console.log);
  printCpuNote(Math.max(...config.phases), console.log);
  const errors = results.reduce((sum, result) => sum + phaseErrors(result), 0);
  if (errors > 0) {
    console.error(`\n  FAILED: ${errors} requests were answered wrongly or not at all; the error rate must be 0.`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `  ${error.message}` : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
