// GET /metrics over a real socket, on Warden's lean path with its response
// class (the server's request counting): who may scrape, and that token
// issuance and refusals, requests by route and status, policy bundles, long
// polls, event ingestion and scheduler runs move the right series by the
// right amounts. The registry belongs to this test process, so deltas are exact.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/config/env";
import { acquireLease } from "@/lib/jobs/lease";
import { JOBS, runDueJobs } from "@/lib/jobs/scheduler";
import { ROUTE_LABELS } from "@/lib/metrics/routes";
import { heldPolls } from "@/lib/policy/bundle/bundle-endpoint";
import { CLIENT_ASSERTION_TYPE } from "@/lib/oauth/config";
import { POLICY_BUNDLE_PATH, POLICY_EVENTS_PATH, policyBundleEndpoint, policyEventsEndpoint } from "@/lib/policy/bundle/paths";
import { seedApiToken, seedUser, sessionCookieFor } from "@/lib/seed/factories";
import { clientAssertion, dpopProof, keyedGateway, oauthFixture, testKey, type OAuthFixture } from "./helpers/oauth";
import { serveFastRoutes, type Listening } from "./helpers/warden-process";

let warden: Listening;
const savedUrl = process.env.WARDEN_URL;
let adminToken: string;

beforeAll(async () => {
  warden = await serveFastRoutes();
  // tokens' audiences and DPoP's htu are this server's URLs
  process.env.WARDEN_URL = warden.url;
  resetEnvCache();
  adminToken = (await seedApiToken({ role: "admin", user: await seedUser({ role: "admin" }) })).secret;
});

afterAll(async () => {
  if (savedUrl === undefined) delete process.env.WARDEN_URL;
  else process.env.WARDEN_URL = savedUrl;
  resetEnvCache();
  await warden?.close();
});

type Samples = Map<string, number>;

/** `name{a="x",b="y"}` → value, labels in the order given by the exposition. */
function parse(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const cut = line.lastIndexOf(" ");
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return samples;
}

/** The value of a series, whatever the order of its labels; 0 when absent. */
function value(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, label]) => `${key}="${label}"`);
  for (const [series, number] of samples) {
    const brace = series.indexOf("{");
    const seriesName = brace === -1 ? series : series.slice(0, brace);
    if (seriesName !== name) continue;
    const parts = brace === -1 ? [] : series.slice(brace + 1, -1).split(/,(?=[a-z_]+=")/);
    if (parts.length === wanted.length && wanted.every((part) => parts.includes(part))) return number;
  }
  return 0;
}

async function scrape(headers: Record<string, string> = { authorization: `Bearer ${adminToken}` }, method = "GET") {
  const response = await fetch(`${warden.url}/metrics`, { method, headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function samples(): Promise<Samples> {
  const result = await scrape();
  expect(result.status, result.text.slice(0, 300)).toBe(200);
  return parse(result.text);
}

async function postToken(params: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${warden.url}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(params) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, string> };
}

describe("GET /metrics access", () => {
  it("needs a credential with metrics:read: 401 without one, 403 for an owner, 200 for an auditor or a token scoped to it", async () => {
    const anonymous = await scrape({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
    expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
    expect(anonymous.text).not.toContain("warden_http_requests_total");

    const bad = await scrape({ authorization: `Bearer wdn_${"x".repeat(43)}` });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toContain('error="invalid_token"');

    const owner = await seedUser({ role: "owner" });
    const ownerToken = await seedApiToken({ role: "owner", user: owner });
    const refused = await scrape({ authorization: `Bearer ${ownerToken.secret}` });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({ code: "forbidden", detail: "This requires the metrics:read permission" });
    expect((await scrape({ cookie: (await sessionCookieFor(owner.id)).cookie })).status).toBe(403);

    const auditor = await seedUser({ role: "auditor" });
    const auditorToken = await seedApiToken({ role: "auditor", user: auditor });
    const allowed = await scrape({ authorization: `Bearer ${auditorToken.secret}` });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(allowed.headers.get("cache-control")).toBe("no-store");
    expect(allowed.headers.get("x-request-id")).toMatch(/^req_/);
    expect(allowed.text).toContain("# TYPE warden_http_requests_total counter");
    expect((await scrape({ cookie: (await sessionCookieFor(auditor.id)).cookie })).status).toBe(200);

    // what a scraper should hold: a token narrowed to metrics:read
    const scoped = await seedApiToken({ role: "auditor", user: auditor, scopes: ["metrics:read"] });
    expect((await scrape({ authorization: `Bearer ${scoped.secret}` })).status).toBe(200);
    const otherScope = await seedApiToken({ role: "admin", user: await seedUser({ role: "admin" }), scopes: ["users:read"] });
    expect((await scrape({ authorization: `Bearer ${otherScope.secret}` })).status).toBe(403);

    expect((await scrape({ authorization: `Bearer ${adminToken}` }, "POST")).status).toBe(405);
    const head = await scrape({ authorization: `Bearer ${adminToken}` }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
  });

  it("serves the process metrics and only bounded route labels", async () => {
    await fetch(`${warden.url}/api/v1/users/usr_${"9".repeat(26)}?token=abc`);
    await fetch(`${warden.url}/some/made/up/path/${crypto.randomUUID()}`);
    const text = (await scrape()).text;
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    const routes = [...text.matchAll(/^warden_http_requests_total\{[^}]*route="([^"]*)"/gm)].map((match) => match[1]!);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(ROUTE_LABELS).toContain(route);
    expect(text).not.toContain("usr_999");
    expect(text).not.toContain("token=abc");
  });
});

describe("what /metrics counts", () => {
  let f: OAuthFixture;

  beforeAll(async () => {
    f = await oauthFixture();
  });

  it("counts tokens issued and refused, by grant type, token type and OAuth error, and the requests by route and status", async () => {
    const before = await samples();
    const base = { grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, resource: f.server.resourceUri! };

    // DPoP without a nonce: refused with use_dpop_nonce, then issued with it
    const challenge = await postToken({ ...base, client_assertion: await clientAssertion(f.agent.clientId, f.agentKey) }, { dpop: await dpopProof(f.dpopKey) });
    expect(challenge.body.error).toBe("use_dpop_nonce");
    const nonce = challenge.headers.get("dpop-nonce")!;
    const issued = await postToken({ ...base, client_assertion: await clientAssertion(f.agent.clientId, f.agentKey) }, { dpop: await dpopProof(f.dpopKey, { nonce }) });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.token_type).toBe("DPoP");
    // an assertion signed with a key the agent never registered
    const stranger = await postToken({ ...base, client_assertion: await clientAssertion(f.agent.clientId, await testKey()) }, { dpop: await dpopProof(f.dpopKey, { nonce }) });
    expect(stranger).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    // a grant type Warden does not support is labelled "other", whatever it is
    const unsupported = await postToken({ grant_type: `password-${crypto.randomUUID()}` });
    expect(unsupported).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
    const missing = await postToken({});
    expect(missing).toMatchObject({ status: 400, body: { error: "invalid_request" } });

    const after = await samples();
    const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(delta("warden_tokens_issued_total", { grant_type: "client_credentials", token_type: "DPoP" })).toBe(1);
    expect(delta("warden_tokens_issued_total", { grant_type: "client_credentials", token_type: "Bearer" })).toBe(0);
    expect(delta("warden_token_refusals_total", { grant_type: "client_credentials", error: "use_dpop_nonce" })).toBe(1);
    expect(delta("warden_token_refusals_total", { grant_type: "client_credentials", error: "invalid_client" })).toBe(1);
    expect(delta("warden_token_refusals_total", { grant_type: "other", error: "unsupported_grant_type" })).toBe(1);
    expect(delta("warden_token_refusals_total", { grant_type: "none", error: "invalid_request" })).toBe(1);

    const requests = (status: string) => delta("warden_http_requests_total", { route: "/oauth/token", method: "POST", status });
    expect([requests("200"), requests("400"), requests("401")]).toEqual([1, 3, 1]);
    expect(delta("warden_http_request_duration_seconds_count", { route: "/oauth/token", method: "POST" })).toBe(5);
    expect(delta("warden_http_request_duration_seconds_bucket", { route: "/oauth/token", method: "POST", le: "+Inf" })).toBe(5);
    expect(delta("warden_http_request_duration_seconds_sum", { route: "/oauth/token", method: "POST" })).toBeGreaterThan(0);
    // the scrape before counts once it has ended; the refusal descriptions are nowhere
    expect(delta("warden_http_requests_total", { route: "/metrics", method: "GET", status: "200" })).toBe(1);
    const text = (await scrape()).text;
    expect(text).not.toContain("was already used");
    expect(text).not.toContain("password-");
  });

  it("reports the bundle revision, compile time and long polls held", async () => {
    const gateway = await keyedGateway(f);
    const authorization = `Bearer ${await clientAssertion(gateway.id, gateway.key, { claims: { aud: policyBundleEndpoint() } })}`;
    // other test processes change the shared database's policy at any time, and a change
    // answers a held poll or changes the ETag: what is counted is checked against what happened
    const answered: number[] = [];
    const get = async (headers: Record<string, string> = {}, query = "", signal?: AbortSignal) => {
      const response = await fetch(`${warden.url}${POLICY_BUNDLE_PATH}${query}`, { headers: { authorization, ...headers }, signal });
      await response.arrayBuffer();
      answered.push(response.status);
      return response;
    };
    const before = await samples();
    const first = await get();
    expect(first.status).toBe(200);
    const revision = Number(first.headers.get("x-warden-policy-revision"));
    expect([200, 304]).toContain((await get({ "if-none-match": first.headers.get("etag")! })).status);

    let seen = false;
    for (let attempt = 0; attempt < 5 && !seen; attempt += 1) {
      const current = (await get()).headers.get("etag")!;
      const held = new AbortController();
      const poll = get({ "if-none-match": current }, "?wait=30", held.signal).catch(() => null);
      for (let tries = 0; heldPolls() < 1 && tries < 100; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      const during = await samples();
      // still held after the scrape: it was held all through it (a poll is never held again)
      if (heldPolls() === 1) {
        expect(value(during, "warden_policy_long_polls_held")).toBe(1);
        seen = true;
      }
      held.abort();
      await poll;
      for (let tries = 0; heldPolls() > 0 && tries < 100; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen, "a poll stayed held through a scrape").toBe(true);
    const after = await samples();
    expect(value(after, "warden_policy_long_polls_held")).toBe(0);

    const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(delta("warden_policy_bundle_compile_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(delta("warden_policy_bundle_compile_seconds_sum")).toBeGreaterThan(0);
    expect(value(after, "warden_policy_bundle_revision")).toBeGreaterThanOrEqual(revision);
    // dropped polls were never answered, so they are not counted
    for (const status of [200, 304]) {
      expect(delta("warden_http_requests_total", { route: POLICY_BUNDLE_PATH, method: "GET", status: String(status) }), String(status)).toBe(answered.filter((item) => item === status).length);
    }
  });

  it("counts ingested events by type and observes their lag, not counting a retried batch again", async () => {
    const gateway = await keyedGateway(f);
    const at = new Date(Date.now() - 5000).toISOString();
    const common = { at, serverId: f.server.id, agentId: f.agent.id, clientId: f.agent.clientId, method: "tools/call", tokenJti: null, act: [], policyRevision: null };
    const events = [
      { ...common, type: "decision", id: crypto.randomUUID(), tool: "read_ledger", scope: f.scope("read_ledger"), decision: "allow", status: null, error: null, reason: null, latencyMs: 0.3 },
      { ...common, type: "tool_call", id: crypto.randomUUID(), tool: "read_ledger", scope: f.scope("read_ledger"), result: "success", durationMs: 4 },
    ];
    const send = async () => {
      const authorization = `Bearer ${await clientAssertion(gateway.id, gateway.key, { claims: { aud: policyEventsEndpoint() } })}`;
      const response = await fetch(`${warden.url}${POLICY_EVENTS_PATH}`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify({ events }) });
      return (await response.json()) as { stored: number; duplicates: number };
    };
    const before = await samples();
    expect(await send()).toEqual({ stored: 2, duplicates: 0 });
    expect(await send()).toEqual({ stored: 0, duplicates: 2 });
    const after = await samples();
    const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(delta("warden_events_ingested_total", { type: "decision" })).toBe(1);
    expect(delta("warden_events_ingested_total", { type: "tool_call" })).toBe(1);
    expect(delta("warden_event_ingestion_lag_seconds_count")).toBe(2);
    expect(delta("warden_event_ingestion_lag_seconds_sum")).toBeGreaterThanOrEqual(10);
    expect(delta("warden_event_ingestion_lag_seconds_bucket", { le: "2.5" })).toBe(0);
    expect(delta("warden_event_ingestion_lag_seconds_bucket", { le: "10" })).toBe(2);
    expect(delta("warden_http_requests_total", { route: POLICY_EVENTS_PATH, method: "POST", status: "200" })).toBe(2);
  });

  it("counts scheduler runs per job and result, and when each last ran", async () => {
    // stand-in jobs: the real ones would act on other test files' data in the shared database
    const suffix = crypto.randomUUID().slice(0, 8);
    const names = { ok: `metrics-ok-${suffix}`, failing: `metrics-failing-${suffix}`, held: `metrics-held-${suffix}` };
    expect(await acquireLease(names.held, 120_000, { holder: "another-instance" })).toBe(true);
    const real = JOBS.splice(0, JOBS.length, { name: names.ok, run: async () => ({ done: 1 }) }, { name: names.failing, run: () => Promise.reject(new Error("broken")) }, { name: names.held, run: async () => ({}) });
    const before = await samples();
    const started = Date.now() / 1000;
    let ran: string[];
    try {
      ran = await runDueJobs();
    } finally {
      JOBS.splice(0, JOBS.length, ...real);
    }
    expect(ran).toEqual([names.ok]);
    const after = await samples();
    const runs = (job: string, result: string) => value(after, "warden_scheduler_runs_total", { job, result }) - value(before, "warden_scheduler_runs_total", { job, result });
    expect([runs(names.ok, "success"), runs(names.ok, "failure"), runs(names.ok, "skipped")]).toEqual([1, 0, 0]);
    expect([runs(names.failing, "success"), runs(names.failing, "failure"), runs(names.failing, "skipped")]).toEqual([0, 1, 0]);
    expect([runs(names.held, "success"), runs(names.held, "failure"), runs(names.held, "skipped")]).toEqual([0, 0, 1]);
    const last = (job: string, result: string) => value(after, "warden_scheduler_last_run_timestamp_seconds", { job, result });
    expect(last(names.ok, "success")).toBeGreaterThanOrEqual(Math.floor(started));
    expect(last(names.ok, "success")).toBeLessThanOrEqual(Date.now() / 1000);
    expect(last(names.failing, "failure")).toBeGreaterThanOrEqual(Math.floor(started));
    expect(last(names.held, "skipped")).toBe(0);
  });
});
