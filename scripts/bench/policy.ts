// Policy distribution (issue "Policy distribution, the gateway fleet, and an
// enforcement SDK"): four measurements on one seeded data set.
//  compile     compile time and size of a bundle for a gateway fronting every
//              server and one fronting a single server, in this process;
//              target < 2 s.
//  serving     304s and 200s of the JWKS and of both bundles on Warden's
//              production process vs a bare node:http server with the same
//              bytes, alternately with autocannon; target ≥ 0.8× its req/s.
//  longpoll    --polls concurrently held long polls on one instance: RSS
//              while holding, then one change and the time until all answered.
//  propagation --gateways SDK bundle clients long-polling; --revocations grant
//              revocations through the API; time until each gateway has each.
// Everything runs on one database: a fresh SQLite file (default) or, with
// --database postgresql, a throwaway PostgreSQL database (WARDEN_TEST_PG_URL
// or postgres@127.0.0.1:5432), dropped at the end.
// Usage: npm run bench -- policy [--only compile,serving,longpoll,propagation]
//   [--database sqlite|postgresql] [--servers 1000] [--tools 20] [--agents 10000]
//   [--grants 100000] [--scopes-per-grant 5] [--compile-runs 3] [--connections 50] [--big-connections 4]
//   [--duration 5] [--big-duration 10] [--warmup 2] [--rounds 2] [--polls 2000] [--hold 24]
//   [--gateways 50] [--revocations 20] [--role all|machine] [--keep]
// --role machine starts Warden as a machine-plane instance (WARDEN_ROLE=machine:
// no console, no Next.js in the process); with compile and serving only, since
// the other parts change policy through the management API.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { resetEnvCache } from "@/lib/config/env";
import { disconnectDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { createScratchDatabase, type ScratchDatabase } from "@/lib/db/scratch-postgres";
import { resolveDbTarget } from "@/lib/db/target";
import { BenchError, fmt, kib, mib, percentile, serverProcess } from "@/scripts/bench/policy/common";
import type { CompileResult } from "@/scripts/bench/policy/compile";
import type { LongPollResult } from "@/scripts/bench/policy/long-poll";
import type { PropagationResult } from "@/scripts/bench/policy/propagation";
import { seedBulk, setUpFleet, type Fleet, type Seeded, type Sizes } from "@/scripts/bench/policy/seed";
import type { CaseResult } from "@/scripts/bench/policy/serving";
import { startWarden, type Child } from "@/scripts/bench/token/children";
import { pointAtWarden } from "@/scripts/bench/token/warden-setup";

const PARTS = ["compile", "serving", "longpoll", "propagation"] as const;
const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    only: { type: "string", default: PARTS.join(",") },
    servers: { type: "string", default: "1000" },
    tools: { type: "string", default: "20" },
    agents: { type: "string", default: "10000" },
    grants: { type: "string", default: "100000" },
    "scopes-per-grant": { type: "string", default: "5" },
    "compile-runs": { type: "string", default: "3" },
    database: { type: "string", default: "sqlite" },
    connections: { type: "string", default: "50" },
    "big-connections": { type: "string", default: "4" },
    "big-duration": { type: "string", default: "10" },
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "2" },
    rounds: { type: "string", default: "2" },
    polls: { type: "string", default: "2000" },
    hold: { type: "string", default: "24" },
    gateways: { type: "string", default: "50" },
    revocations: { type: "string", default: "20" },
    role: { type: "string", default: "all" },
    keep: { type: "boolean", default: false },
  },
});
const num = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < 0) throw new BenchError(`--${name} must be a number`);
  return value;
};
const parts = new Set(String(values.only).split(","));
for (const part of parts) if (!(PARTS as readonly string[]).includes(part)) throw new BenchError(`--only takes ${PARTS.join(",")}`);
if (values.database !== "sqlite" && values.database !== "postgresql") throw new BenchError("--database is sqlite or postgresql");
const DATABASE = values.database;
if (values.role !== "all" && values.role !== "machine") throw new BenchError("--role is all or machine");
const ROLE = values.role;
if (ROLE === "machine" && (parts.has("longpoll") || parts.has("propagation"))) {
  throw new BenchError("--role machine measures compile and serving only (--only compile,serving): the long-poll and propagation parts change policy through the management API, which a machine-plane instance does not serve");
}
const SIZES: Sizes = { servers: num("servers"), tools: num("tools"), agents: num("agents"), grants: num("grants"), scopesPerGrant: num("scopes-per-grant") };
const WARDEN_PORT = 3411;
const BARE_PORT = 3412;
const ISSUER = `http://127.0.0.1:${WARDEN_PORT}`;
const COMPILE_TARGET_MS = 2000;
const HOLD = num("hold");
if (HOLD < 1 || HOLD > 50) throw new BenchError("--hold is 1–50 seconds (the polls wait 60 s)");
const GATEWAYS = Math.max(1, num("gateways"));
const REVOCATIONS = num("revocations");

type Report = { compile: { provider: string; results: CompileResult[] }[]; serving?: CaseResult[]; longPoll?: LongPollResult; propagation?: PropagationResult };

async function compileOn(provider: string, seeded: Seeded, fleet: Pick<Fleet, "allGateway" | "gateways">): Promise<CompileResult[]> {
  const { measureCompile } = await import("@/scripts/bench/policy/compile");
  console.log(`\n  compile (${provider}, in this process; median of ${num("compile-runs")} runs after a cold one):`);
  return measureCompile(
    [
      { name: `gateway, all ${SIZES.servers} servers`, identityId: fleet.allGateway.id, expect: { servers: SIZES.servers, grants: seeded.liveGrants } },
      { name: "gateway, 1 server", identityId: fleet.gateways[0]!.id, expect: { servers: 1, grants: seeded.fleetServerGrantIds.length } },
    ],
    Math.max(1, num("compile-runs")),
  );
}

function describeSeed(seeded: Seeded): string {
  const s = seeded.sizes;
  return `${fmt(s.servers)} servers × ${s.tools} tools, ${fmt(s.agents)} agents, ${fmt(s.grants)} grants of ${s.scopesPerGrant} tools (${fmt(seeded.liveGrants)} not revoked): ${fmt(seeded.rows)} rows in ${seeded.seconds.toFixed(1)} s`;
}

function summarise(report: Report): void {
  console.log("\n  summary:");
  let meets = true;
  for (const { provider, results } of report.compile) {
    for (const result of results) {
      if (result.error) {
        meets = false;
        console.log(`    compile + sign, ${provider}, ${result.name}: FAILED (${result.error})`);
        continue;
      }
      const ms = percentile(result.signedMs, 50);
      const ok = ms < COMPILE_TARGET_MS;
      if (!ok && result.counts.servers > 1) meets = false;
      console.log(`    compile + sign, ${provider}, ${result.name}: ${fmt(ms)} ms (compile alone ${fmt(percentile(result.compileMs, 50))} ms), JWS ${kib(result.jwsBytes)}, gzip ${kib(result.gzipBytes)} → ${ok ? "MEETS" : "MISSES"} < 2 s`);
    }
  }
  for (const item of report.serving ?? []) {
    if (item.ratio < 0.8) meets = false;
    console.log(`    serving ${item.name}: ${item.ratio.toFixed(2)}× the bare server → ${item.ratio >= 0.8 ? "MEETS" : "BELOW"} 0.8×`);
  }
  const poll = report.longPoll;
  if (poll) {
    const rss = poll.holding.map((sample) => sample.memory?.rssBytes ?? 0);
    console.log(
      `    long polls: ${poll.polls} held, ${poll.answeredOk} answered 200 with the new bundle; RSS before ${poll.before ? mib(poll.before.rssBytes) : "—"}, holding ${mib(Math.min(...rss))}–${mib(Math.max(...rss))}, after ${poll.afterIdle ? mib(poll.afterIdle.rssBytes) : "—"}; the last 200 ${fmt(poll.msFromReturn.max)} ms after the revoke returned` +
        `${poll.notModified ? `; ${poll.notModified} answered 304 at their deadline instead` : ""}${poll.unanswered ? `; ${poll.unanswered} unanswered` : ""}`,
    );
    if (poll.answeredOk < poll.polls) meets = false;
  }
  const propagation = report.propagation;
  if (propagation) {
    console.log(
      `    propagation: ${propagation.delivered}/${propagation.pairs} (gateway, revocation) pairs; from the revoke call returning p50 ${fmt(propagation.fromReturn.p50)} ms, p99 ${fmt(propagation.fromReturn.p99)} ms, max ${fmt(propagation.fromReturn.max)} ms` +
        ` (from the call being sent: p50 ${fmt(propagation.fromStart.p50)}, p99 ${fmt(propagation.fromStart.p99)}, max ${fmt(propagation.fromStart.max)}); ${propagation.beforeReturn} delivered before the call returned`,
    );
    const within = propagation.delivered === propagation.pairs && propagation.fromReturn.max < 1000;
    console.log(`    propagation: every gateway within a second of the revoke call returning (the issue's headline) → ${within ? "MEETS" : "MISSES"}${propagation.transportErrors ? `; ${propagation.transportErrors} transport errors in the clients` : ""}`);
    if (!within) meets = false;
  }
  console.log(`\n  targets: ${meets ? "all met" : "not all met (reported above; not a failure)"}`);
}

async function main(): Promise<number> {
  console.log(`Policy distribution benchmark (${[...parts].join(", ")}${ROLE === "machine" ? "; Warden as a machine-plane instance" : ""}); node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${new Date().toISOString()}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-bench-policy-"));
  const children: Child[] = [];
  let scratch: ScratchDatabase | null = null;
  const report: Report = { compile: [] };
  /** wrong answers and errors: printed, and the benchmark exits non-zero */
  const failures: string[] = [];
  try {
    const dataDir = path.join(workDir, "warden-data");
    fs.mkdirSync(dataDir);
    const env = pointAtWarden({ dataDir, port: WARDEN_PORT, publicUrl: ISSUER });
    env.WARDEN_ROLE = ROLE;
    if (DATABASE === "postgresql") {
      scratch = await createScratchDatabase("warden_bench_policy");
      env.DATABASE_URL = process.env.DATABASE_URL = scratch.url;
      resetEnvCache();
    }
    const provider = DATABASE === "postgresql" ? "PostgreSQL" : "SQLite";
    await applyMigrations(resolveDbTarget());
    const seeded = await seedBulk(SIZES);
    console.log(`  seeded ${provider}${scratch ? ` (${scratch.name})` : ""}: ${describeSeed(seeded)}`);
    const needed = (parts.has("longpoll") ? 1 : 0) + (parts.has("propagation") ? REVOCATIONS : 0);
    if (seeded.fleetServerGrantIds.length < needed) throw new BenchError(`the fleet server has ${seeded.fleetServerGrantIds.length} grants to revoke; ${needed} are needed`);
    const fleet = await setUpFleet({ fleetServerId: seeded.fleetServerId, gateways: GATEWAYS });
    console.log(`  ${GATEWAYS} gateways fronting ${seeded.fleetServerId} (${seeded.fleetServerGrantIds.length} live grants), 1 gateway fronting all servers, each with its own ES256 key`);
    if (parts.has("compile")) report.compile.push({ provider, results: await compileOn(provider, seeded, fleet) });
    await disconnectDb();
    for (const { provider, results } of report.compile) {
      for (const result of results) if (result.error) failures.push(`${provider}, ${result.name}: the bundle could not be compiled: ${result.error}`);
    }

    if (parts.has("serving") || parts.has("longpoll") || parts.has("propagation")) {
      console.log(
        ROLE === "machine"
          ? "\n  starting Warden as a machine-plane instance (scripts/start.ts with WARDEN_ROLE=machine: no console, no Next.js)…"
          : "\n  starting Warden (scripts/start.ts, production build; builds first when the sources changed)…",
      );
      const warden = await startWarden({ port: WARDEN_PORT, env, logDir: workDir });
      children.push(warden);
      const started = serverProcess(warden.process.pid);
      console.log(`  Warden is up on ${ISSUER}: ${started ? `server process RSS ${mib(started.rssBytes)}` : ""}`);
      if (parts.has("serving")) {
        const { measureServing } = await import("@/scripts/bench/policy/serving");
        console.log(`\n  serving (autocannon, ${num("duration")} s rounds × ${num("rounds")} per server after a ${num("warmup")} s warm-up, alternating; medians):`);
        report.serving = await measureServing(
          {
            wardenPort: WARDEN_PORT,
            wardenPid: warden.process.pid,
            barePort: BARE_PORT,
            issuer: ISSUER,
            workDir,
            small: fleet.gateways[0]!,
            big: fleet.allGateway,
            connections: num("connections"),
            bigConnections: num("big-connections"),
            bigDuration: num("big-duration"),
            duration: num("duration"),
            warmup: num("warmup"),
            rounds: Math.max(1, num("rounds")),
          },
          children,
          failures,
        );
      }
      if (parts.has("longpoll")) {
        const { measureLongPolls } = await import("@/scripts/bench/policy/long-poll");
        console.log(`\n  long polls (${fmt(num("polls"))} held over ${fleet.gateways.length} gateways for ${HOLD} s, then one grant revocation):`);
        report.longPoll = await measureLongPolls({
          port: WARDEN_PORT,
          pid: warden.process.pid,
          issuer: ISSUER,
          gateways: fleet.gateways,
          polls: num("polls"),
          holdSeconds: HOLD,
          apiToken: fleet.apiToken,
          grantId: seeded.fleetServerGrantIds[0]!,
        });
      }
      if (parts.has("propagation") && REVOCATIONS > 0) {
        const { measurePropagation } = await import("@/scripts/bench/policy/propagation");
        console.log(`\n  propagation (${fleet.gateways.length} PolicyBundleClients, ${REVOCATIONS} grant revocations through the API, one at a time):`);
        report.propagation = await measurePropagation({
          port: WARDEN_PORT,
          issuer: ISSUER,
          gateways: fleet.gateways,
          grantIds: seeded.fleetServerGrantIds.slice(1, 1 + REVOCATIONS),
          apiToken: fleet.apiToken,
          timeoutMs: 10_000,
          pauseMs: 250,
        });
      }
    }
    summarise(report);
    if (failures.length) {
      console.error(`\n  FAILED: ${failures.length} wrong answers or errors; the figures above cover the rest:`);
      for (const failure of failures) console.error(`    - ${failure}`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof BenchError) {
      console.error(`\n  FAILED: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await disconnectDb();
    for (const child of children.reverse()) await child.stop();
    await scratch?.drop();
    if (values.keep) console.log(`  kept ${workDir} (server logs, Warden's data directory)`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

process.exit(await main());
