// The soak benchmark's phase runner (scripts/bench/soak/phase.ts), shortened:
// one and then three lean Warden instances (helpers/app-instance.ts: the
// machine endpoints and every API route file, no Next.js pages) started by
// scripts/cluster/start-cluster.ts on a fresh PostgreSQL database each, seeded
// by the soak's own seeding, under the soak's mixed workload for a few
// seconds. `npm run bench -- soak` runs the same code full-length against the
// production server (docs: BENCHMARKS.md, "Soak").
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { createScratchDatabase } from "@/lib/db/scratch-postgres";
import { RAISED_LIMITS } from "@/scripts/bench/soak/environment";
import { HELD_KINDS, runPhase, type PhaseResult } from "@/scripts/bench/soak/phase";
import { printPhase } from "@/scripts/bench/soak/report";
import { seedSoak, type SoakSizes } from "@/scripts/bench/soak/setup";
import type { Kind } from "@/scripts/bench/soak/workload";
import { freePort } from "@/scripts/cluster/instances";
import { startCluster, type InstanceCommand } from "@/scripts/cluster/start-cluster";
import { withGlobalDatabase } from "./helpers/global-database";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SIZES: SoakSizes = { servers: 3, toolsPerServer: 3, agents: 6, gateways: 3, consoleUsers: 2 };
const CONCURRENCY: Partial<Record<Kind, number>> = { token: 2, poll: 2, longpoll: 2, events: 1, "console-api": 2 };
/** what each kind must have answered at least once */
const EXPECTED: Partial<Record<Kind, string>> = { token: "200", poll: "304", longpoll: "304", events: "200", "console-api": "200" };
// WARDEN_SOAK_SMOKE_SECONDS lengthens (or shortens) each measured phase when run by hand
const SECONDS = Number(process.env.WARDEN_SOAK_SMOKE_SECONDS ?? "15");

const leanInstance: InstanceCommand = (_index, port) => ({
  command: process.execPath,
  args: ["--import", "tsx", path.join(ROOT, "tests", "integration", "helpers", "app-instance.ts")],
  env: { NODE_ENV: "test", TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.node.json"), WARDEN_TEST_INSTANCE_PORT: String(port) },
});

async function phaseOnFreshDatabase(instances: number): Promise<PhaseResult> {
  const database = await createScratchDatabase("warden_soak");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-soak-smoke-"));
  try {
    const target = { provider: "postgresql" as const, url: database.url };
    await applyMigrations(target);
    // seeded from this worker: its session secret signs the console users' cookies, so the instances share it
    const fixture = await withGlobalDatabase(target, () => seedSoak(SIZES));
    const proxyPort = await freePort();
    const publicUrl = `http://127.0.0.1:${proxyPort}`;
    const env = {
      DATABASE_URL: database.url,
      WARDEN_URL: publicUrl,
      WARDEN_DATA_DIR: dataDir,
      WARDEN_SECRET: process.env.WARDEN_SECRET!,
      WARDEN_KEK: crypto.randomBytes(32).toString("base64url"),
      WARDEN_LOG_LEVEL: "warn",
      WARDEN_TRUSTED_PROXIES: "127.0.0.1",
      ...RAISED_LIMITS,
    };
    const cluster = await startCluster({ instances, env, proxyPort, command: leanInstance, readyTimeoutMs: 60_000 });
    try {
      const result = await runPhase({
        label: `${instances} lean instance${instances === 1 ? "" : "s"} on PostgreSQL (smoke)`,
        urls: cluster.instances.map((instance) => instance.url),
        pids: cluster.instances.map((instance) => instance.pid),
        fixture,
        workload: { publicUrl, longPollWaitSeconds: 3, eventsPerBatch: 10, timeoutMs: 20_000 },
        concurrency: CONCURRENCY,
        warmupSeconds: 3,
        durationSeconds: SECONDS,
        progressEverySeconds: 5,
      });
      printPhase(result, (line) => console.log(line));
      return result;
    } finally {
      await cluster.stop();
    }
  } finally {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function expectSound(result: PhaseResult, instances: number): void {
  const samples = [...result.warmup.errorSamples, ...result.kinds.flatMap((stats) => stats.errorSamples)].join("\n");
  expect(result.warmup.errors, `errors in the warm-up:\n${samples}`).toBe(0);
  expect(result.total.errors, `errors:\n${samples}`).toBe(0);
  expect(result.kinds.map((stats) => stats.kind).sort()).toEqual(Object.keys(CONCURRENCY).sort());
  for (const stats of result.kinds) {
    expect(stats.requests, `${stats.kind} made no requests`).toBeGreaterThan(0);
    expect(stats.answers[EXPECTED[stats.kind]!] ?? 0, `${stats.kind}: ${JSON.stringify(stats.answers)}`).toBeGreaterThan(0);
    // every request was judged exactly once and timed exactly once
    expect(Object.values(stats.answers).reduce((sum, count) => sum + count, 0) + stats.errors).toBe(stats.requests);
    expect(stats.latency.count).toBe(stats.requests);
    if (stats.kind === "console-api") expect([...stats.routes.values()].reduce((sum, latency) => sum + latency.count, 0)).toBe(stats.requests);
    expect(stats.latency.percentile(50)).toBeLessThanOrEqual(stats.latency.percentile(99));
  }
  // a held long poll lasts its wait, not less
  expect(result.kinds.find((stats) => stats.kind === "longpoll")!.latency.percentile(50)).toBeGreaterThanOrEqual(2900);
  expect(result.total.requests).toBe(result.kinds.reduce((sum, stats) => sum + stats.requests, 0));
  expect(result.total.errors).toBe(result.kinds.reduce((sum, stats) => sum + stats.errors, 0));
  expect(result.total.latency.count).toBe(result.kinds.filter((stats) => !HELD_KINDS.includes(stats.kind)).reduce((sum, stats) => sum + stats.requests, 0));
  expect(result.seconds).toBeGreaterThanOrEqual(SECONDS);
  expect(result.instances).toBe(instances);
  expect(result.memory).toHaveLength(instances);
  for (const memory of result.memory) {
    expect(memory.startBytes).toBeGreaterThan(0);
    expect(memory.endBytes).toBeGreaterThan(0);
    expect(memory.maxBytes).toBeGreaterThanOrEqual(Math.max(memory.startBytes!, memory.endBytes!));
  }
  // each instance's own server process, not one read three times
  expect(new Set(result.memory.map((memory) => memory.pid)).size).toBe(instances);
}

describe("soak phase runner, shortened", () => {
  it("runs the mixed workload on one and then three instances with no errors, memory read from each, totals the sum of the kinds", async () => {
    const one = await phaseOnFreshDatabase(1);
    expectSound(one, 1);
    const three = await phaseOnFreshDatabase(3);
    expectSound(three, 3);
  }, 240_000);
});
