// Scale-out on PostgreSQL (docs/deployment.md, "Local cluster"): three Warden
// instances, each its own process (the lean server of helpers/app-instance.ts,
// which serves FAST_ROUTES and every app/**/route.ts), on one fresh database
// behind the cluster proxy of scripts/cluster (round-robin, X-Forwarded-For
// trusted through WARDEN_TRUSTED_PROXIES). Instances are A, B and C; requests
// go to one of them directly where the point is which instance answers, and
// through the proxy where it is the whole cluster. Shown: a session signed in
// at A works at B and C and its sign-out ends it at all three; a change made
// through A wakes bundle long polls held at B and C; the scheduler runs each
// job on one instance per tick; single-use assertion and DPoP proof jtis
// spent at A are refused at B and C; rate limits count across instances; and
// a SIGKILL of one instance under load through the proxy loses no
// acknowledged write while the others keep serving.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { JOBS } from "@/lib/jobs/scheduler";
import { CLIENT_ASSERTION_TYPE } from "@/lib/oauth/config";
import { POLICY_BUNDLE_PATH, policyBundleEndpoint } from "@/lib/policy/bundle/paths";
import { seedApiToken, seedUser } from "@/lib/seed/factories";
import type { ClusterInstance } from "@/scripts/cluster/start-cluster";
import { jobRuns, startTestCluster, type TestCluster } from "./helpers/cluster";
import { killMidLoad, missingAcknowledged } from "./helpers/cluster-load";
import type { WriterSetup } from "./helpers/crash-writers";
import { clientAssertion, dpopProof, keyedGateway, oauthFixture, type OAuthFixture } from "./helpers/oauth";

const JOB_INTERVAL_MS = 1_000;
/**
 * "Shortly after": generous for a busy two-core machine (NOTIFY takes milliseconds), yet under the
 * 5 s safety read that would wake the polls if LISTEN/NOTIFY did not work (lib/policy/policy-cache.ts):
 * over several changes, only NOTIFY meets it every time.
 */
const WAKE_BOUND_MS = 2_000;
const WAKE_ROUNDS = 3;
const CLIENT_LIMIT = 8;
const IP_LIMIT = 12;
const SPREAD_REQUESTS = 24;

let testCluster: TestCluster;
let a: ClusterInstance;
let b: ClusterInstance;
let c: ClusterInstance;
let readyAt = 0;

beforeAll(async () => {
  testCluster = await startTestCluster({
    instances: 3,
    env: {
      WARDEN_TEST_JOB_INTERVAL_MS: String(JOB_INTERVAL_MS),
      // the scheduler's "scheduled job ran" lines are info
      WARDEN_LOG_LEVEL: "info",
      WARDEN_SHUTDOWN_GRACE_SECONDS: "2",
      WARDEN_RATE_LIMIT_INTROSPECTION_PER_CLIENT: `${CLIENT_LIMIT}/1h`,
      WARDEN_RATE_LIMIT_INTROSPECTION_PER_IP: `${IP_LIMIT}/1h`,
      // the load of the last test: a 429 acknowledges nothing, so it would only thin out the run
      WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT: "0",
      WARDEN_RATE_LIMIT_INGEST_PER_CLIENT: "0",
    },
  });
  [a, b, c] = testCluster.cluster.instances as [ClusterInstance, ClusterInstance, ClusterInstance];
  readyAt = Date.now();
}, 120_000);

afterAll(async () => {
  await testCluster?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Reply = { status: number; headers: Headers; body: Record<string, unknown> };
async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, { redirect: "manual", ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}
const form = (params: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(params) });

/** A browser's cookie jar, as far as this test needs one: name → value, as set. */
function keep(jar: Map<string, string>, reply: Reply): void {
  for (const header of reply.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const at = pair!.indexOf("=");
    const [name, value] = [pair!.slice(0, at), pair!.slice(at + 1)];
    if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) jar.delete(name);
    else jar.set(name, value);
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

describe("three Warden instances on one PostgreSQL database behind the cluster proxy", () => {
  it("honour a session signed in at A at B and C, and its sign-out at A everywhere", async () => {
    const user = await seedUser({ role: "owner" });
    const jar = new Map<string, string>();
    // next-auth's own CSRF token and credentials callback, through Warden's authOptions, at A
    const csrf = await send(`${a.url}/api/auth/csrf`);
    keep(jar, csrf);
    const csrfToken = String(csrf.body.csrfToken);
    const signedIn = await send(`${a.url}/api/auth/callback/credentials`, form({ csrfToken, email: user.email, password: user.password, callbackUrl: `${testCluster.issuer}/`, json: "true" }, { cookie: cookieHeader(jar) }));
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
    keep(jar, signedIn);
    expect(jar.has("warden.session"), [...jar.keys()].join(", ")).toBe(true);

    for (const base of [a.url, b.url, c.url, testCluster.cluster.url]) {
      const me = await send(`${base}/api/v1/me`, { headers: { cookie: cookieHeader(jar) } });
      expect(me.status, `${base}: ${JSON.stringify(me.body)}`).toBe(200);
      expect(me.body).toMatchObject({ kind: "user", id: user.id, role: "owner" });
    }
    const session = await db().session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session).toMatchObject({ authMethod: "password", revokedAt: null });

    const signedOut = await send(`${a.url}/api/auth/signout`, form({ csrfToken, callbackUrl: `${testCluster.issuer}/`, json: "true" }, { cookie: cookieHeader(jar) }));
    expect(signedOut.status, JSON.stringify(signedOut.body)).toBe(200);
    // the cookie as it was: B and C check the session, not just the cookie's signature
    for (const base of [b.url, c.url, a.url]) {
      expect((await send(`${base}/api/v1/me`, { headers: { cookie: `warden.session=${jar.get("warden.session")}` } })).status, base).toBe(401);
    }
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
    expect(await db().auditEvent.count({ where: { action: "auth.signed_out", targetId: session.id } })).toBe(1);
  });

  it(`wake bundle long polls held at B and C within ${WAKE_BOUND_MS} ms of each change made through A (${WAKE_ROUNDS} changes)`, async () => {
    const f = await oauthFixture();
    const gateway = await keyedGateway(f);
    const admin = await seedApiToken({ role: "admin" });
    const authorization = `Bearer ${await clientAssertion(gateway.id, gateway.key, { claims: { aud: policyBundleEndpoint() } })}`;
    const first = await Promise.all([b, c].map((instance) => fetch(`${instance.url}${POLICY_BUNDLE_PATH}`, { headers: { authorization } })));
    expect(first.map((reply) => reply.status)).toEqual([200, 200]);
    let etags = first.map((reply) => reply.headers.get("etag")!);
    let revision = Number(first[0]!.headers.get("x-warden-policy-revision"));
    const throughA = async (path: string, body: unknown) => {
      const reply = await send(`${a.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${admin.secret}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      expect([200, 201], `${path}: ${JSON.stringify(reply.body)}`).toContain(reply.status);
      return reply.body;
    };
    let grantId = f.grant.id;
    // each a change of this gateway's view: its server's grants
    const changes = [
      () => throughA(`/api/v1/grants/${grantId}/revoke`, { reason: "cluster test: long-poll wake-up" }),
      async () => (grantId = String((await throughA("/api/v1/grants", { agentId: f.agent.id, serverId: f.server.id, toolIds: [f.tool("read_ledger").id], justification: "cluster test: long-poll wake-up" })).id)),
      () => throughA(`/api/v1/grants/${grantId}/revoke`, { reason: "cluster test: long-poll wake-up" }),
    ].slice(0, WAKE_ROUNDS);
    const measured: string[] = [];
    for (const change of changes) {
      const held = [b, c].map(async (instance, index) => {
        const reply = await fetch(`${instance.url}${POLICY_BUNDLE_PATH}?wait=30`, { headers: { authorization, "if-none-match": etags[index]! } });
        await reply.arrayBuffer();
        return { status: reply.status, etag: reply.headers.get("etag")!, revision: Number(reply.headers.get("x-warden-policy-revision")), at: Date.now() };
      });
      await pause(300);
      const sentAt = Date.now();
      await change();
      const answered = await Promise.all(held);
      for (const poll of answered) {
        expect(poll.status).toBe(200);
        expect(poll.revision).toBeGreaterThan(revision);
        // held until the change, and answered within the bound of it
        expect(poll.at).toBeGreaterThanOrEqual(sentAt);
        expect(poll.at - sentAt).toBeLessThan(WAKE_BOUND_MS);
      }
      measured.push(`B ${answered[0]!.at - sentAt} ms, C ${answered[1]!.at - sentAt} ms`);
      etags = answered.map((poll) => poll.etag);
      revision = answered[0]!.revision;
    }
    console.log(`cluster long polls woken after a change through A (from the change request's start, its own processing included): ${measured.join("; ")} (bound ${WAKE_BOUND_MS} ms)`);
  });

  it("run each scheduled job on one instance per tick", async () => {
    const minRuns = 4;
    // from the third tick on: the first ticks load the jobs' modules, and a slow tick ends close to the next one
    const windowStart = readyAt + 2 * JOB_INTERVAL_MS;
    const windowRuns = () => jobRuns(testCluster.cluster.instances).filter((run) => run.at >= windowStart);
    const deadline = Date.now() + 20_000;
    while (JOBS.some((job) => windowRuns().filter((run) => run.job === job.name).length < minRuns) && Date.now() < deadline) await pause(500);
    const runs = windowRuns();
    const summary: string[] = [];
    for (const { name } of JOBS) {
      const mine = runs.filter((run) => run.job === name);
      expect(mine.length, name).toBeGreaterThanOrEqual(minRuns);
      // two instances running the job in one tick would be less than a tick apart; a lease changes
      // hands only after it lapsed (two ticks), so different instances' runs are at least a tick apart
      for (let index = 1; index < mine.length; index += 1) {
        const [before, after] = [mine[index - 1]!, mine[index]!];
        if (before.instance === after.instance) continue;
        const gap = after.at - before.at;
        expect(gap, `${name}: runs at instance ${before.instance} and ${after.instance} ${gap} ms apart`).toBeGreaterThanOrEqual(JOB_INTERVAL_MS);
      }
      // at most one run per tick over the whole window, not one per instance per tick
      const span = mine.at(-1)!.at - mine[0]!.at;
      expect(mine.length, name).toBeLessThanOrEqual(Math.floor(span / JOB_INTERVAL_MS) + 2);
      const byInstance = [0, 1, 2].map((instance) => mine.filter((run) => run.instance === instance).length);
      summary.push(`${name} ${mine.length} runs in ${(span / 1000).toFixed(1)} s (A/B/C ${byInstance.join("/")})`);
    }
    // every instance ticks and asks for every lease; the ones that do not hold it skip the job
    const metrics = await seedApiToken({ role: "auditor", scopes: ["metrics:read"] });
    const ticks = await Promise.all(testCluster.cluster.instances.map((instance) => schedulerRuns(instance, metrics.secret)));
    const logged = jobRuns(testCluster.cluster.instances);
    for (const { name } of JOBS) {
      for (const [index, counts] of ticks.entries()) {
        expect(counts[`${name}:failure`] ?? 0, `${name} failed at instance ${index}`).toBe(0);
        expect((counts[`${name}:success`] ?? 0) + (counts[`${name}:skipped`] ?? 0), `${name} ticks at instance ${index}`).toBeGreaterThanOrEqual(minRuns - 1);
        // what the instance counted as run is what it logged (read after the metrics: later runs only add lines)
        expect(logged.filter((run) => run.job === name && run.instance === index).length, name).toBeGreaterThanOrEqual(counts[`${name}:success`] ?? 0);
      }
    }
    // one lease per job, held by one of the three instances
    const pids = new Set(testCluster.cluster.instances.map((instance) => instance.pid));
    const leases = await db().jobLease.findMany({ select: { name: true, holder: true } });
    expect(leases.map((lease) => lease.name).sort()).toEqual(JOBS.map((job) => job.name).sort());
    for (const lease of leases) expect(pids.has(Number(lease.holder.split(":")[1])), lease.holder).toBe(true);
    const skipped = ticks.map((counts) => Object.entries(counts).filter(([key]) => key.endsWith(":skipped")).reduce((sum, [, count]) => sum + count, 0));
    console.log(`cluster scheduler (tick ${JOB_INTERVAL_MS} ms): ${summary.join("; ")}; lease refused (job skipped) at A/B/C ${skipped.join("/")} times`);
  });

  it("refuse at B and C a client assertion and a DPoP proof already used at A", async () => {
    const f = await oauthFixture();
    const token = (instance: ClusterInstance, assertion: string, proof: string) =>
      send(`${instance.url}/oauth/token`, form({ grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion, resource: f.server.resourceUri!, scope: f.scope("read_ledger") }, { dpop: proof }));
    const challenge = await token(a, await clientAssertion(f.agent.clientId, f.agentKey), await dpopProof(f.dpopKey));
    expect(challenge.body.error).toBe("use_dpop_nonce");
    const nonce = challenge.headers.get("dpop-nonce")!;
    const freshProof = () => dpopProof(f.dpopKey, { nonce });
    const freshAssertion = () => clientAssertion(f.agent.clientId, f.agentKey);

    const assertion = await freshAssertion();
    const accepted = await token(a, assertion, await freshProof());
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    for (const instance of [b, c]) {
      const replay = await token(instance, assertion, await freshProof());
      expect(replay.status, JSON.stringify(replay.body)).toBe(401);
      expect(replay.body).toMatchObject({ error: "invalid_client", error_description: expect.stringMatching(/already used/) });
    }

    const proof = await freshProof();
    const first = await token(a, await freshAssertion(), proof);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    for (const instance of [b, c]) {
      const replay = await token(instance, await freshAssertion(), proof);
      expect(replay.status, JSON.stringify(replay.body)).toBe(400);
      expect(replay.body).toMatchObject({ error: "invalid_dpop_proof", error_description: expect.stringMatching(/already used/) });
    }
  });

  it(`count rate limits across instances: ${SPREAD_REQUESTS} requests spread round-robin, ${CLIENT_LIMIT} (per client) and ${IP_LIMIT} (per address) answered`, async () => {
    const f = await oauthFixture();
    const proxy = testCluster.cluster.proxy;
    const served = () => proxy.upstreams().map((upstream) => upstream.served);
    const address = (n: number) => `2001:db8::c1:${n.toString(16)}`;
    const introspect = async (params: Record<string, string>, ip: string) => send(`${testCluster.cluster.url}/oauth/introspect`, form(params, { "x-forwarded-for": ip }));

    // one client, each request from another address (through the proxy, whose X-Forwarded-For Warden trusts)
    const before = served();
    const byClient: Reply[] = [];
    for (let index = 0; index < SPREAD_REQUESTS; index += 1) {
      byClient.push(await introspect({ token: "not-a-token", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.server.id, f.serverKey) }, address(index)));
    }
    const spread = served().map((count, index) => count - before[index]!);
    expect(spread.reduce((sum, count) => sum + count, 0)).toBe(SPREAD_REQUESTS);
    for (const count of spread) expect(count).toBeGreaterThanOrEqual(SPREAD_REQUESTS / 3 - 2);
    expect(byClient.map((reply) => reply.status)).toEqual([...Array(CLIENT_LIMIT).fill(200), ...Array(SPREAD_REQUESTS - CLIENT_LIMIT).fill(429)]);
    expectLimited(byClient.slice(CLIENT_LIMIT), /this client: at most 8 per 3600 s/);

    // one address, no client authentication (counted before it)
    const byAddress: Reply[] = [];
    for (let index = 0; index < SPREAD_REQUESTS; index += 1) byAddress.push(await introspect({ token: "not-a-token" }, address(1000)));
    expect(byAddress.map((reply) => reply.status)).toEqual([...Array(IP_LIMIT).fill(401), ...Array(SPREAD_REQUESTS - IP_LIMIT).fill(429)]);
    expectLimited(byAddress.slice(IP_LIMIT), /this address: at most 12 per 3600 s/);
    console.log(`cluster rate limits: requests per instance A/B/C ${spread.join("/")}; per client ${CLIENT_LIMIT} of ${SPREAD_REQUESTS} answered, per address ${IP_LIMIT} of ${SPREAD_REQUESTS}`);
  });

  it("lose no acknowledged write when one instance is killed under load, and the others keep serving", { timeout: 90_000 }, async () => {
    const f: OAuthFixture = await oauthFixture({ dpopRequired: false });
    const setup: WriterSetup = { f, gateway: await keyedGateway(f), adminToken: (await seedApiToken({ role: "admin" })).secret };
    const run = await killMidLoad({ cluster: testCluster.cluster, victim: b, setup, concurrency: 2, beforeKillMs: 2_000, afterKillMs: 2_000, minAfterKill: 5, topUpMs: 20_000 });
    expect(run.victimExit).toBeNull();
    const summary = JSON.stringify(run.tallies);

    // the survivors kept serving through the proxy, and the dead one got nothing more
    for (const [kind, count] of Object.entries(run.ackedAfterKill)) expect(count, `${kind} after the kill: ${summary}`).toBeGreaterThanOrEqual(5);
    expect(run.servedAfterDeath[b.index]).toBe(0);
    expect(run.servedAfterDeath[a.index]! + run.servedAfterDeath[c.index]!).toBeGreaterThan(0);
    for (const survivor of [a, c]) expect((await fetch(`${survivor.url}/api/health`)).status).toBe(200);
    expect(testCluster.cluster.proxy.upstreams()[b.index]!.up).toBe(false);

    // every acknowledged write's effect is there, whichever instance took it
    const missing = await missingAcknowledged(run.acked, setup);
    expect(missing).toEqual({ agents: [], grants: [], grantsWithoutAllTools: [], tokens: [], spentAssertions: [], events: [], partialBatches: 0 });
    const chain = await verifyAuditChain(db());
    expect(chain.firstBreak).toBeNull();
    expect(chain.ok).toBe(true);

    // the jobs whose leases the dead instance held are taken over once the leases lapse
    const deadline = Date.now() + 6 * JOB_INTERVAL_MS + 10_000;
    const takenOver = () => new Set(jobRuns(testCluster.cluster.instances).filter((jobRun) => jobRun.at > run.killedAt && jobRun.instance !== b.index).map((jobRun) => jobRun.job));
    while (takenOver().size < JOBS.length && Date.now() < deadline) await pause(250);
    expect([...takenOver()].sort()).toEqual(JOBS.map((job) => job.name).sort());

    const cutOff = Object.values(run.tallies).reduce((sum, tally) => sum + tally.failed + (tally.refused[502] ?? 0), 0);
    console.log(
      [
        `cluster kill: SIGKILL of instance B (requests in flight at it: ${run.inFlightAtVictim}); requests cut off (502 or connection error): ${cutOff}; writes ${summary}`,
        `  acknowledged after the kill: ${JSON.stringify(run.ackedAfterKill)}; responses after the kill per instance A/B/C ${run.servedAfterKill.join("/")}`,
        `  checked: ${run.acked.agents.length} registrations, ${run.acked.grants.length} grants, ${run.acked.tokens.length} tokens, ${run.acked.events.length} events present; audit chain of ${chain.checked} events verified`,
      ].join("\n"),
    );
  });
});

/** The instance's warden_scheduler_runs_total counters, as "job:result" → count. */
async function schedulerRuns(instance: ClusterInstance, token: string): Promise<Record<string, number>> {
  const response = await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^warden_scheduler_runs_total\{job="([^"]+)",result="([^"]+)"\} (\d+)$/gm)) counts[`${match[1]}:${match[2]}`] = Number(match[3]);
  return counts;
}

function expectLimited(replies: Reply[], who: RegExp): void {
  for (const reply of replies) {
    expect(reply.body).toMatchObject({ error: "slow_down", error_description: expect.stringMatching(who) });
    const retryAfter = Number(reply.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
  }
}
