// Part 1 of `npm run bench -- policy`: conditional (304) and full (200) GETs
// of the JWKS and of two policy bundles — a gateway fronting one server and a
// gateway fronting every server — on Warden (its production process) and on a
// bare node:http server returning the same bytes and headers
// (./bare-server.mjs), alternately with autocannon. Warden's answers are
// captured and checked first (bundles verified as a gateway verifies them);
// during the runs every answer must have the expected status and size, or the
// benchmark fails.
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { verifyPolicyBundle } from "@/lib/gateway/verify-bundle";
import { bearer, BenchError, BUNDLE_PATH, fmt, JWKS_PATH, kib, percentile, request, type Gateway, type Reply } from "@/scripts/bench/policy/common";
import { startNodeScript, type Child } from "@/scripts/bench/token/children";
import { treeCpuSeconds } from "@/scripts/bench/token/cpu";

export type ServingOptions = {
  wardenPort: number;
  wardenPid: number | undefined;
  barePort: number;
  issuer: string;
  workDir: string;
  small: Gateway;
  big: Gateway;
  connections: number;
  bigConnections: number;
  duration: number;
  bigDuration: number;
  warmup: number;
  rounds: number;
};

type Captured = { name: string; path: string; headers: Record<string, string>; ok: Reply; notModified: Reply; etag: string };
/** big: a full answer of the all-servers bundle (megabytes): fewer connections, longer rounds */
type Case = { name: string; path: string; headers: Record<string, string>; status: 200 | 304; bodyBytes: number; connections: number; big?: boolean };
type Round = { target: string; rps: number; p50: number; p99: number; cpuUsPerRequest: number | null; requests: number };
export type CaseResult = { name: string; status: number; bodyBytes: number; connections: number; warden: Round[]; bare: Round[]; ratio: number };

/** Framing headers Node writes itself on either server. */
const FRAMING = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);

function headersOf(reply: Reply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i < reply.rawHeaders.length; i += 2) {
    const name = reply.rawHeaders[i]!.toLowerCase();
    if (!FRAMING.has(name)) headers[name] = reply.rawHeaders[i + 1]!;
  }
  return headers;
}

async function capture(options: ServingOptions, failures: string[]): Promise<{ captured: Captured[]; gateways: Gateway[] }> {
  const port = options.wardenPort;
  const jwksReply = await request(port, JWKS_PATH);
  const etag = jwksReply.headers.etag;
  if (jwksReply.status !== 200 || !jwksReply.headers["content-type"]?.startsWith("application/jwk-set+json") || !etag) {
    throw new BenchError(`Warden's JWKS answered HTTP ${jwksReply.status} (${jwksReply.headers["content-type"]}, ETag ${etag}); expected 200 application/jwk-set+json with an ETag`);
  }
  const jwks = JSON.parse(jwksReply.body.toString()) as { keys: [] };
  if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) throw new BenchError("Warden's JWKS has no keys");
  const captured: Captured[] = [{ name: "JWKS", path: JWKS_PATH, headers: {}, ok: jwksReply, notModified: await request(port, JWKS_PATH, { headers: { "if-none-match": etag } }), etag }];
  const served: Gateway[] = [];

  for (const [name, gateway] of [
    ["bundle, 1 server", options.small],
    ["bundle, all servers", options.big],
  ] as const) {
    const headers = { authorization: await bearer(gateway, `${options.issuer}${BUNDLE_PATH}`) };
    let started = performance.now();
    const first = await request(port, BUNDLE_PATH, { headers });
    const firstMs = performance.now() - started;
    started = performance.now();
    const ok = await request(port, BUNDLE_PATH, { headers });
    const secondMs = performance.now() - started;
    if (first.status !== 200 || ok.status !== 200) {
      // a wrong answer: the benchmark fails, after measuring what Warden does serve
      failures.push(`${name}: Warden answered the gateway HTTP ${first.status}/${ok.status}: ${ok.body.toString().slice(0, 200)}`);
      console.log(`    ${name}: Warden answered HTTP ${first.status}/${ok.status} — not measured (see ${path.basename(options.workDir)}/warden.log)`);
      continue;
    }
    if (ok.headers["content-type"] !== "application/jose" || typeof ok.headers.etag !== "string") throw new BenchError(`${name}: content type ${ok.headers["content-type"]}, ETag ${ok.headers.etag}`);
    try {
      await verifyPolicyBundle(ok.body.toString(), { jwks, issuer: options.issuer, audience: gateway.id });
    } catch (error) {
      throw new BenchError(`${name}: the bundle Warden served does not verify: ${(error as Error).message}`);
    }
    console.log(`    ${name}: ${kib(ok.body.length)}; first GET (Warden compiles and signs) ${fmt(firstMs)} ms, second GET (from memory) ${fmt(secondMs, 1)} ms`);
    const notModified = await request(port, BUNDLE_PATH, { headers: { ...headers, "if-none-match": ok.headers.etag } });
    captured.push({ name, path: BUNDLE_PATH, headers, ok, notModified, etag: ok.headers.etag });
    served.push(gateway);
  }
  for (const item of captured) {
    if (item.notModified.status !== 304 || item.notModified.body.length !== 0) throw new BenchError(`${item.name}: If-None-Match with the current ETag answered HTTP ${item.notModified.status}, expected 304 without a body`);
  }
  return { captured, gateways: served };
}

async function startBare(options: ServingOptions, captured: Captured[], gateways: Gateway[]): Promise<Child> {
  const routes: Record<string, unknown> = {};
  captured.forEach((item, index) => {
    const bodyFile = path.join(options.workDir, `bare-body-${index}`);
    fs.writeFileSync(bodyFile, item.ok.body);
    const key = item.path === BUNDLE_PATH ? `bundle:${gateways[index - 1]!.id}` : item.path;
    routes[key] = { etag: item.etag, okHeaders: headersOf(item.ok), notModifiedHeaders: headersOf(item.notModified), bodyFile };
  });
  const settingsFile = path.join(options.workDir, "bare-server.json");
  fs.writeFileSync(settingsFile, JSON.stringify({ port: options.barePort, routes }));
  const child = await startNodeScript({
    name: "bare node:http",
    script: path.join(process.cwd(), "scripts", "bench", "policy", "bare-server.mjs"),
    port: options.barePort,
    env: { ...process.env, NODE_ENV: "production", BENCH_BARE: settingsFile },
    log: path.join(options.workDir, "bare-server.log"),
  });
  // the same answers, byte for byte (apart from the per-request id)
  for (const item of captured) {
    for (const [reply, extra] of [
      [item.ok, {}],
      [item.notModified, { "if-none-match": item.etag }],
    ] as const) {
      const bare = await request(options.barePort, item.path, { headers: { ...item.headers, ...extra } });
      const expected = { ...headersOf(reply), "x-request-id": "" };
      const got = { ...headersOf(bare), "x-request-id": "" };
      if (bare.status !== reply.status || !bare.body.equals(reply.body) || JSON.stringify(got) !== JSON.stringify(expected)) {
        throw new BenchError(`${item.name}: the bare server's answer differs from Warden's (HTTP ${bare.status} vs ${reply.status}, ${bare.body.length} vs ${reply.body.length} bytes)`);
      }
    }
  }
  return child;
}

/** One autocannon run; a warm-up may complete no request (a full answer of the all-servers bundle takes seconds), a measured round must. */
function drive(target: string, port: number, pid: number | undefined, item: Case, duration: number, warmUp = false): Promise<Round> {
  const cpuBefore = treeCpuSeconds(pid);
  return new Promise((resolve, reject) => {
    autocannon({ url: `http://127.0.0.1:${port}${item.path}`, connections: item.connections, duration, headers: item.headers, timeout: 10 }, (error: Error | null, result) => {
      if (error) return reject(error);
      const cpuAfter = treeCpuSeconds(pid);
      const requests = result.requests.total;
      const statuses = Object.entries(result.statusCodeStats ?? {}).filter(([, stat]) => (stat.count ?? 0) > 0);
      const wrong = statuses.filter(([status]) => Number(status) !== item.status);
      if (wrong.length || result.errors > 0) {
        return reject(new BenchError(`${target}, ${item.name}: expected only HTTP ${item.status}; got ${JSON.stringify(Object.fromEntries(statuses.map(([s, stat]) => [s, stat.count])))}, ${result.errors} errors (${result.timeouts} timeouts)`));
      }
      if (requests === 0 && !warmUp) return reject(new BenchError(`${target}, ${item.name}: no answer completed in ${duration} s; give the round more time (--duration, --big-duration)`));
      if (item.status === 200 && requests > 0 && result.throughput.total / requests < item.bodyBytes) {
        return reject(new BenchError(`${target}, ${item.name}: ${fmt(result.throughput.total / requests)} bytes per answer, less than the ${fmt(item.bodyBytes)}-byte body`));
      }
      const cpuUsPerRequest = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1e6) / requests : null;
      resolve({ target, rps: requests / result.duration, p50: result.latency.p50, p99: result.latency.p99, cpuUsPerRequest, requests });
    });
  });
}

const median = (values: number[]) => percentile(values, 50);

export async function measureServing(options: ServingOptions, bare: Child[], failures: string[]): Promise<CaseResult[]> {
  const { captured, gateways } = await capture(options, failures);
  const child = await startBare(options, captured, gateways);
  bare.push(child);
  // full answers of the bundle of every server are megabytes each: fewer connections, so the load generator's buffers stay small
  const cases: Case[] = captured.flatMap((item) => [
    { name: `${item.name}, 304`, path: item.path, headers: { ...item.headers, "if-none-match": item.etag }, status: 304 as const, bodyBytes: 0, connections: options.connections },
    {
      name: `${item.name}, 200`,
      path: item.path,
      headers: item.headers,
      status: 200 as const,
      bodyBytes: item.ok.body.length,
      connections: item.name.includes("all servers") ? options.bigConnections : options.connections,
      big: item.name.includes("all servers"),
    },
  ]);
  const targets = [
    { name: "Warden", port: options.wardenPort, pid: options.wardenPid },
    { name: "bare", port: options.barePort, pid: child.process.pid },
  ];
  const results: CaseResult[] = [];
  for (const item of cases) {
    for (const target of targets) await drive(target.name, target.port, target.pid, item, options.warmup, true);
    const rounds: Round[] = [];
    const duration = item.big ? Math.max(options.duration, options.bigDuration) : options.duration;
    for (let round = 0; round < options.rounds; round += 1) {
      for (const target of targets) rounds.push(await drive(target.name, target.port, target.pid, item, duration));
    }
    const warden = rounds.filter((r) => r.target === "Warden");
    const bareRounds = rounds.filter((r) => r.target === "bare");
    const ratio = median(warden.map((r) => r.rps)) / median(bareRounds.map((r) => r.rps));
    const line = (r: Round[]) =>
      `${fmt(median(r.map((x) => x.rps)), median(r.map((x) => x.rps)) < 100 ? 1 : 0).padStart(7)} req/s  p50 ${fmt(median(r.map((x) => x.p50)), 1).padStart(5)} ms  p99 ${fmt(median(r.map((x) => x.p99)), 1).padStart(6)} ms  CPU ${r.every((x) => x.cpuUsPerRequest !== null) ? fmt(median(r.map((x) => x.cpuUsPerRequest!))) : "—"} µs/req`;
    console.log(`    ${item.name.padEnd(26)} (${item.connections} conn., ${duration} s)  Warden ${line(warden)}  |  bare ${line(bareRounds)}  |  ratio ${ratio.toFixed(2)}× ${ratio >= 0.8 ? "MEETS" : "BELOW"} 0.8×`);
    console.log(`      rounds (req/s): ${rounds.map((r) => `${r.target} ${fmt(r.rps, r.rps < 100 ? 1 : 0)}`).join(", ")}`);
    results.push({ name: item.name, status: item.status, bodyBytes: item.bodyBytes, connections: item.connections, warden, bare: bareRounds, ratio });
  }
  return results;
}
