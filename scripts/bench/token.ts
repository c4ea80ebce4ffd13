// Token issuance throughput (issue "Token service": Warden ≥ 1.5× node-oidc-provider
// for client_credentials + private_key_jwt + DPoP, p99 reported). Both servers
// run as child processes on this machine with the same grant: ES256 client
// assertions, ES256 DPoP proofs with server nonces, ES256 JWT access tokens.
// Requests are signed before each timed run, then autocannon drives Warden and
// node-oidc-provider alternately (warm-up, then --rounds rounds each).
// Usage: npm run bench -- token [--requests 40000] [--connections 50] [--duration 20]
//        [--rounds 2] [--warmup 5] [--only warden|oidc] [--rate-limits on|off] [--role all|machine] [--keep]
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startOidcProvider, startWarden, type Child } from "@/scripts/bench/token/children";
import { treeCpuSeconds } from "@/scripts/bench/token/cpu";
import { checkSamples, drive, median, type RoundResult } from "@/scripts/bench/token/load";
import { BenchError, clientAssertion, createAgentKey, dpopProof, fetchNonce, postToken, prepareRequests, tokenRequestBody, type AgentKey, type Target } from "@/scripts/bench/token/prepare";
import { BENCH_TOOLS, pointAtWarden, setUpWarden } from "@/scripts/bench/token/warden-setup";

const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    requests: { type: "string", default: "40000" },
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "20" },
    rounds: { type: "string", default: "2" },
    warmup: { type: "string", default: "5" },
    only: { type: "string" },
    "rate-limits": { type: "string", default: "on" },
    role: { type: "string", default: "all" },
    keep: { type: "boolean", default: false },
  },
});
const REQUESTS = Number(values.requests);
const CONNECTIONS = Number(values.connections);
const DURATION = Number(values.duration);
const ROUNDS = Number(values.rounds);
const WARMUP = Number(values.warmup);
const WARDEN_PORT = 3401;
const OIDC_PORT = 3402;
const RESOURCE = "https://bench-mcp.example.test/mcp";
const TARGET = 1.5;
if (values.only && values.only !== "warden" && values.only !== "oidc") throw new BenchError("--only is warden or oidc");
if (values["rate-limits"] !== "on" && values["rate-limits"] !== "off") throw new BenchError("--rate-limits is on or off");
const RATE_LIMITS = values["rate-limits"];
if (values.role !== "all" && values.role !== "machine") throw new BenchError("--role is all or machine");
/** machine: Warden as a machine-plane instance (WARDEN_ROLE=machine, no Next.js in the process) */
const ROLE = values.role;
const withWarden = values.only !== "oidc";
const withOidc = values.only !== "warden";

/** each server's root process, for CPU accounting */
const pids = new Map<string, number | undefined>();
type Measured = RoundResult & { cpuMsPerToken: number | null };

const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function startTargets(key: AgentKey, workDir: string, children: Child[]): Promise<Target[]> {
  const targets: Target[] = [];
  let scope = BENCH_TOOLS.map((tool) => `mcp:bench-mcp:${tool}`).join(" ");
  if (withWarden) {
    const dataDir = path.join(workDir, "warden-data");
    fs.mkdirSync(dataDir);
    const env = pointAtWarden({ dataDir, port: WARDEN_PORT, rateLimits: RATE_LIMITS });
    env.WARDEN_ROLE = ROLE;
    const setup = await setUpWarden({ publicJwk: key.publicJwk, resourceUri: RESOURCE });
    console.log(`  Warden: agent ${setup.agentId} (client ${setup.clientId}) granted ${setup.scopes.join(" ")}`);
    console.log("  starting Warden (scripts/start.ts; builds the app first when its sources changed)…");
    children.push(await startWarden({ port: WARDEN_PORT, env, logDir: workDir }));
    pids.set("Warden", children.at(-1)!.process.pid);
    const issuer = `http://localhost:${WARDEN_PORT}`;
    scope = setup.scopes.join(" ");
    targets.push({ name: "Warden", port: WARDEN_PORT, issuer, tokenEndpoint: `${issuer}/oauth/token`, clientId: setup.clientId, resource: RESOURCE, scope });
  }
  if (withOidc) {
    const issuer = `http://localhost:${OIDC_PORT}`;
    // the same scope strings as Warden's, so request and token sizes match
    const clientId = `cli_bench${crypto.randomBytes(8).toString("hex")}`;
    children.push(await startOidcProvider({ port: OIDC_PORT, issuer, clientId, publicJwk: key.publicJwk, resource: RESOURCE, scopes: scope, logDir: workDir }));
    pids.set("node-oidc-provider", children.at(-1)!.process.pid);
    targets.push({ name: "node-oidc-provider", port: OIDC_PORT, issuer, tokenEndpoint: `${issuer}/token`, clientId, resource: RESOURCE, scope });
  }
  return targets;
}

/** One real token request, checked: a 200 with a DPoP-bound JWT access token carrying the requested scopes. */
async function verify(key: AgentKey, target: Target): Promise<void> {
  const nonce = await fetchNonce(key, target);
  const now = Math.floor(Date.now() / 1000);
  const reply = await postToken(target, tokenRequestBody(target, await clientAssertion(key, target, now)), await dpopProof(key, target, now, nonce));
  if (reply.status !== 200) throw new BenchError(`${target.name} refused a well-formed token request: HTTP ${reply.status} ${reply.body.slice(0, 400)}`);
  checkSamples(target, key, [reply.body]);
  const answer = JSON.parse(reply.body) as { access_token: string; expires_in: number; scope: string };
  if (answer.scope.split(" ").sort().join(" ") !== target.scope.split(" ").sort().join(" ")) {
    throw new BenchError(`${target.name} granted "${answer.scope}", expected "${target.scope}"`);
  }
  const [header] = answer.access_token.split(".");
  const alg = (JSON.parse(Buffer.from(header!, "base64url").toString()) as { alg: string }).alg;
  console.log(`  ${target.name}: token_type DPoP, ${alg} JWT of ${answer.access_token.length} chars bound to cnf.jkt, expires_in ${answer.expires_in}, scope "${answer.scope}"`);
}

async function round(key: AgentKey, target: Target, count: number, duration: number, label: string): Promise<Measured> {
  const nonce = await fetchNonce(key, target);
  const started = performance.now();
  const prepared = await prepareRequests(key, target, nonce, count);
  const prepSeconds = (performance.now() - started) / 1000;
  const cpuBefore = treeCpuSeconds(pids.get(target.name));
  const loadBefore = process.cpuUsage();
  const driven = await drive(target, prepared, { connections: CONNECTIONS, duration });
  const load = process.cpuUsage(loadBefore);
  const cpuAfter = treeCpuSeconds(pids.get(target.name));
  // the load generator (this process) shares the cores: what it costs per answer bounds both servers alike
  const loadMsPerAnswer = (load.user + load.system) / 1000 / Math.max(1, driven.issued + driven.failed);
  const cpuMsPerToken = cpuBefore !== null && cpuAfter !== null && driven.issued > 0 ? ((cpuAfter - cpuBefore) * 1000) / driven.issued : null;
  const result: Measured = { ...driven, cpuMsPerToken };
  if (result.samples.length) checkSamples(target, key, result.samples);
  const note = result.exhausted ? `  (ran out of prepared requests after ${result.seconds.toFixed(1)} s)` : "";
  console.log(
    `  ${label.padEnd(9)} ${target.name.padEnd(19)} ${fmt(result.tokensPerSecond).padStart(7)} tokens/s  p50 ${fmt(result.p50, 1).padStart(6)} ms  p99 ${fmt(result.p99, 1).padStart(6)} ms  ` +
      `CPU ${cpuMsPerToken === null ? "—" : fmt(cpuMsPerToken, 2)} ms/token  (load generator ${fmt(loadMsPerAnswer, 2)} ms/answer)  issued ${fmt(result.issued).padStart(6)} in ${result.seconds.toFixed(1)} s  non-200 ${result.failed}  errors ${result.errors}  (signed ${fmt(count)} in ${prepSeconds.toFixed(1)} s)${note}`,
  );
  const worst = [...result.failures].sort((a, b) => b[1] - a[1]).slice(0, 5);
  for (const [failure, times] of worst) console.log(`      ${times}× ${failure}`);
  if (result.failures.size > worst.length) console.log(`      … and ${result.failures.size - worst.length} other answers`);
  // proofs are at most this old when sent; servers refuse proofs past a maximum age (Warden: 60 s)
  if (prepSeconds + result.seconds > 50) console.log(`      note: the last proofs were ${Math.round(prepSeconds + result.seconds)} s old when sent; lower --requests or --duration`);
  return result;
}

function summarise(targets: Target[], results: Measured[]): Map<string, number> {
  const medians = new Map<string, number>();
  const cpuPerToken = new Map<string, number>();
  console.log(`\n  median of ${ROUNDS} rounds:`);
  for (const target of targets) {
    const mine = results.filter((result) => result.target === target.name);
    const rate = median(mine.map((result) => result.tokensPerSecond));
    medians.set(target.name, rate);
    const cpu = mine.every((r) => r.cpuMsPerToken !== null) ? median(mine.map((r) => r.cpuMsPerToken!)) : null;
    if (cpu !== null) cpuPerToken.set(target.name, cpu);
    console.log(`  ${target.name.padEnd(19)} ${fmt(rate).padStart(7)} tokens/s  p50 ${fmt(median(mine.map((r) => r.p50)), 1).padStart(6)} ms  p99 ${fmt(median(mine.map((r) => r.p99)), 1).padStart(6)} ms  CPU ${cpu === null ? "—" : fmt(cpu, 2)} ms/token`);
  }
  const warden = medians.get("Warden");
  const oidc = medians.get("node-oidc-provider");
  if (warden !== undefined && oidc !== undefined) {
    const ratio = warden / oidc;
    console.log(`\n  Warden / node-oidc-provider: ${ratio.toFixed(2)}× (target ≥ ${TARGET}×) → ${ratio >= TARGET ? "MEETS" : "BELOW"} the target`);
    const wardenCpu = cpuPerToken.get("Warden");
    const oidcCpu = cpuPerToken.get("node-oidc-provider");
    // the load generator shares the cores, so throughput ratios are compressed; CPU per token is not
    if (wardenCpu !== undefined && oidcCpu !== undefined) console.log(`  CPU per token, node-oidc-provider / Warden: ${(oidcCpu / wardenCpu).toFixed(2)}× (server processes, all threads)`);
  }
  return medians;
}

async function main(): Promise<number> {
  console.log(`Token benchmark: client_credentials + private_key_jwt (ES256) + DPoP (ES256, nonces), ES256 JWT access tokens`);
  console.log(`  node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${CONNECTIONS} connections, ${DURATION} s or ${fmt(REQUESTS)} requests per round, ${ROUNDS} rounds, ${WARMUP} s warm-up, Warden's rate limiter ${RATE_LIMITS === "on" ? "counting every request (limits out of reach)" : "off"}${ROLE === "machine" ? ", Warden as a machine-plane instance (no Next.js)" : ""}`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-bench-token-"));
  const children: Child[] = [];
  let failed = 0;
  try {
    const key = await createAgentKey();
    const targets = await startTargets(key, workDir, children);
    for (const target of targets) await verify(key, target);

    console.log("\n  warm-up:");
    for (const target of targets) {
      const result = await round(key, target, Math.min(REQUESTS, 10_000), WARMUP, "warm-up");
      failed += result.failed + result.errors;
    }
    console.log(`\n  measured (alternating):`);
    const results: Measured[] = [];
    for (let index = 1; index <= ROUNDS; index += 1) {
      for (const target of targets) {
        const result = await round(key, target, REQUESTS, DURATION, `round ${index}`);
        failed += result.failed + result.errors;
        results.push(result);
      }
    }
    summarise(targets, results);
    if (failed > 0) {
      console.error(`\n  FAILED: ${failed} requests were not answered 200 with an access token; the figures above are not valid.`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof BenchError) {
      console.error(`\n  ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    for (const child of children.reverse()) await child.stop();
    if (values.keep) console.log(`  kept ${workDir} (server logs, Warden's data directory)`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

process.exit(await main());
