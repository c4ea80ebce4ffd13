// Rate limits (lib/rate-limit) on the token, introspection, revocation,
// ingestion (events, status) and password sign-in endpoints, per client and
// per IP address, with small limits configured for this file: the request
// past a limit is refused with 429, Retry-After and the endpoint's error body;
// another client (or address) is unaffected; the count lives in the database,
// so two Warden processes on one database share it, also for requests arriving
// at the same moment. The SQL's window arithmetic is checked against the model
// in window.ts. Keys are unique per test (fresh clients, made-up addresses),
// so other files writing to the same database do not move these counts.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signInRateLimited } from "@/lib/auth/next-auth-options";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { publicUrl, resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { metricsRegistry } from "@/lib/metrics/registry";
import { CLIENT_ASSERTION_TYPE } from "@/lib/oauth/config";
import { handleIntrospection } from "@/lib/oauth/introspection-endpoint";
import { handleRevocation } from "@/lib/oauth/revocation-endpoint";
import { webHandler } from "@/lib/oauth/web";
import { POLICY_EVENTS_PATH, POLICY_STATUS_PATH, policyEventsEndpoint, policyStatusEndpoint } from "@/lib/policy/bundle/paths";
import { countHit, countHits } from "@/lib/rate-limit/count-hits";
import { pruneRateLimits } from "@/lib/rate-limit/prune-rate-limits";
import { nextWindow } from "@/lib/rate-limit/window";
import { seedUser } from "@/lib/seed/factories";
import { keyEncryptionKey } from "@/lib/signing-keys/kek";
import { startFastRoutesServer } from "./helpers/fast-routes-server";
import { clientAssertion, keyedGateway, oauthFixture, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { agentParams, dpopHeader, issuedAgentToken, sendToken, type Reply } from "./helpers/oauth-negative";
import { startOAuthInstance, type OAuthInstance } from "./helpers/warden-process";

const ISSUER = "https://warden.rate-limits.test";
const HOUR = 3600;
const LIMITS = {
  WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT: "3/1h",
  WARDEN_RATE_LIMIT_TOKEN_PER_IP: "5/1h",
  WARDEN_RATE_LIMIT_INTROSPECTION_PER_CLIENT: "2/1h",
  WARDEN_RATE_LIMIT_INTROSPECTION_PER_IP: "4/1h",
  WARDEN_RATE_LIMIT_INGEST_PER_CLIENT: "2/1h",
  WARDEN_RATE_LIMIT_INGEST_PER_IP: "4/1h",
  WARDEN_RATE_LIMIT_SIGN_IN_PER_EMAIL: "3/1h",
  WARDEN_RATE_LIMIT_SIGN_IN_PER_IP: "5/1h",
};
const saved = Object.fromEntries(["WARDEN_URL", ...Object.keys(LIMITS)].map((name) => [name, process.env[name]]));

let f: OAuthFixture;
let fast: Awaited<ReturnType<typeof startFastRoutesServer>>;

beforeAll(async () => {
  Object.assign(process.env, { WARDEN_URL: ISSUER, ...LIMITS });
  resetEnvCache();
  f = await oauthFixture();
  fast = await startFastRoutesServer();
});

afterAll(async () => {
  await fast?.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
});

/** A made-up client address of this test alone. */
const newIp = () => `2001:db8::${crypto.randomBytes(6).toString("hex").match(/.{4}/g)!.join(":")}`;
const fromIp = (ip: string) => ({ "x-warden-client-ip": ip });

function refusedMetric(endpoint: string, per: string): number {
  const metric = metricsRegistry().getSingleMetric("warden_rate_limited_total") as unknown as { get(): { values: { labels: Record<string, string>; value: number }[] } } | undefined;
  return metric?.get().values.find((value) => value.labels.endpoint === endpoint && value.labels.per === per)?.value ?? 0;
}

/** A 429 of an OAuth endpoint: slow_down, Retry-After within the window, no-store. */
function expectSlowDown(reply: { status: number; headers: Headers; body: Record<string, unknown> }, who: RegExp): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(429);
  expect(reply.body.error).toBe("slow_down");
  expect(reply.body.error_description).toMatch(who);
  expect(reply.body).not.toHaveProperty("access_token");
  const retryAfter = Number(reply.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(HOUR - 120);
  expect(retryAfter).toBeLessThanOrEqual(HOUR);
  expect(reply.headers.get("cache-control")).toBe("no-store");
}

describe("POST /oauth/token", () => {
  it("refuses a client past its limit with 429 slow_down, audits the first refusal only, and leaves other clients alone", async () => {
    const mine = await oauthFixture();
    const ip = newIp();
    const before = refusedMetric("token", "client");
    for (let index = 0; index < 3; index += 1) {
      const reply = await sendToken(await agentParams(mine), { ...(await dpopHeader(mine.dpopKey)), ...fromIp(ip) });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    }
    // the second refusal from another address: the client's limit, not the address's
    const refused: Reply[] = [];
    for (const from of [ip, newIp()]) refused.push(await sendToken(await agentParams(mine), { ...(await dpopHeader(mine.dpopKey)), ...fromIp(from) }));
    for (const reply of refused) expectSlowDown(reply, /this client: at most 3 per 3600 s/);
    expect(refusedMetric("token", "client") - before).toBe(2);

    const events = await db().auditEvent.findMany({ where: { action: "token.refused", actorId: mine.agent.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ requestId: refused[0]!.requestId, outcome: "denied", ip });
    expect(events[0]!.details).toMatchObject({ error: "slow_down", clientId: mine.agent.clientId, rateLimit: { per: "client", limit: 3, windowSeconds: HOUR } });

    // another client, from the first address (its fifth request: allowed)
    const other = await sendToken(await agentParams(f), { ...(await dpopHeader(f.dpopKey)), ...fromIp(ip) });
    expect(other.status, JSON.stringify(other.body)).toBe(200);
  });

  it("refuses an address past its limit before looking at the request, and leaves other addresses alone", async () => {
    const ip = newIp();
    for (let index = 0; index < 5; index += 1) {
      expect((await sendToken({ grant_type: "password" }, fromIp(ip))).body.error).toBe("unsupported_grant_type");
    }
    const agent = await oauthFixture();
    expectSlowDown(await sendToken(await agentParams(agent), { ...(await dpopHeader(agent.dpopKey)), ...fromIp(ip) }), /this address: at most 5 per 3600 s/);
    expect((await sendToken(await agentParams(agent), { ...(await dpopHeader(agent.dpopKey)), ...fromIp(newIp()) })).status).toBe(200);
    // an anonymous refusal is audited once, with the address
    const refusals = await db().auditEvent.findMany({ where: { action: "token.refused", ip } });
    expect(refusals.filter((event) => (event.details as { error?: string }).error === "slow_down")).toHaveLength(1);
  });
});

async function postForm(handler: (request: Request) => Promise<Response>, path: string, params: Record<string, string>, ip: string) {
  const response = await handler(new Request(`${publicUrl()}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...fromIp(ip) }, body: new URLSearchParams(params) }));
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

const introspect = webHandler(handleIntrospection);
const revoke = webHandler(handleRevocation);
const asClient = async (clientId: string, key: TestKey, token: string) => ({ token, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(clientId, key) });

describe("POST /oauth/introspect and /oauth/revoke", () => {
  it("limit each client per endpoint, and each address", async () => {
    const mine = await oauthFixture();
    const token = await issuedAgentToken(mine);
    const ip = newIp();
    for (let index = 0; index < 2; index += 1) {
      expect((await postForm(introspect, "/oauth/introspect", await asClient(mine.server.id, mine.serverKey, token), ip)).body.active).toBe(true);
    }
    expectSlowDown(await postForm(introspect, "/oauth/introspect", await asClient(mine.server.id, mine.serverKey, token), ip), /this client: at most 2 per 3600 s/);
    // another client is unaffected (it may not see this token: inactive, but answered)
    expect((await postForm(introspect, "/oauth/introspect", await asClient(f.server.id, f.serverKey, token), newIp())).body).toEqual({ active: false });

    // revocation counts on its own: the agent revokes its token twice, and is refused the third time
    for (let index = 0; index < 2; index += 1) expect((await postForm(revoke, "/oauth/revoke", await asClient(mine.agent.clientId, mine.agentKey, token), newIp())).status).toBe(200);
    expectSlowDown(await postForm(revoke, "/oauth/revoke", await asClient(mine.agent.clientId, mine.agentKey, token), newIp()), /this client: at most 2 per 3600 s/);

    // the address: 3 requests so far, one more is answered, then 429 even for another client
    expect((await postForm(introspect, "/oauth/introspect", { token: "x" }, ip)).body.error).toBe("invalid_client");
    expectSlowDown(await postForm(introspect, "/oauth/introspect", await asClient(f.server.id, f.serverKey, token), ip), /this address: at most 4 per 3600 s/);
  });
});

describe("POST /policy/v1/events and /policy/v1/status", () => {
  const send = async (path: string, headers: Record<string, string>, body: unknown) => {
    const response = await fetch(`${fast.origin}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
  const bearer = async (gateway: { id: string; key: TestKey }, aud: string) => ({ authorization: `Bearer ${await clientAssertion(gateway.id, gateway.key, { claims: { aud } })}` });
  const expectRateLimited = (reply: Awaited<ReturnType<typeof send>>, who: RegExp) => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(429);
    expect(reply.body).toEqual({ error: "rate_limited", error_description: expect.stringMatching(who) });
    expect(Number(reply.headers.get("retry-after"))).toBeGreaterThan(HOUR - 120);
    expect(reply.headers.get("cache-control")).toBe("no-store");
  };

  it("limit each enforcement point per endpoint, and leave other gateways alone", async () => {
    const gateway = await keyedGateway(f);
    const before = refusedMetric("events", "client");
    // counted, then refused for the empty batch
    for (let index = 0; index < 2; index += 1) expect((await send(POLICY_EVENTS_PATH, await bearer(gateway, policyEventsEndpoint()), { events: [] })).status).toBe(400);
    expectRateLimited(await send(POLICY_EVENTS_PATH, await bearer(gateway, policyEventsEndpoint()), { events: [] }), /this client: at most 2 per 3600 s/);
    expect(refusedMetric("events", "client") - before).toBe(1);
    const other = await keyedGateway(f);
    expect((await send(POLICY_EVENTS_PATH, await bearer(other, policyEventsEndpoint()), { events: [] })).status).toBe(400);

    const report = { revision: null, lastSuccessfulFetch: null, errors: [], version: "test" };
    for (let index = 0; index < 2; index += 1) expect((await send(POLICY_STATUS_PATH, await bearer(gateway, policyStatusEndpoint()), report)).status, "status is counted apart from events").toBe(204);
    expectRateLimited(await send(POLICY_STATUS_PATH, await bearer(gateway, policyStatusEndpoint()), report), /this client/);
  });

  it("limit each address, before authentication", async () => {
    const ip = newIp();
    for (let index = 0; index < 4; index += 1) expect((await send(POLICY_EVENTS_PATH, fromIp(ip), { events: [] })).status).toBe(401);
    const gateway = await keyedGateway(f);
    expectRateLimited(await send(POLICY_EVENTS_PATH, { ...fromIp(ip), ...(await bearer(gateway, policyEventsEndpoint())) }, { events: [] }), /this address: at most 4 per 3600 s/);
    expect((await send(POLICY_EVENTS_PATH, { ...fromIp(newIp()), ...(await bearer(gateway, policyEventsEndpoint())) }, { events: [] })).status).toBe(400);
  });
});

describe("password sign-in", () => {
  const context = (ip: string) => ({ requestId: `req_${crypto.randomUUID()}`, ip, userAgent: "vitest" });

  it("refuses an email past its limit before checking the password, the same for unknown emails, and audits the first refusal", async () => {
    const user = await seedUser();
    const ip = newIp();
    for (let index = 0; index < 3; index += 1) expect(await signInWithPassword({ email: user.email, password: `wrong-${index}`, context: context(newIp()) })).toEqual({ ok: false, reason: "invalid" });
    const refused = await signInWithPassword({ email: user.email.toUpperCase(), password: user.password, context: context(ip) });
    expect(refused).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(HOUR - 120);
    expect(await signInWithPassword({ email: user.email, password: user.password, context: context(ip) })).toMatchObject({ reason: "rate_limited" });
    const events = await db().auditEvent.findMany({ where: { action: "auth.sign_in.failed", actorLabel: user.email, outcome: "denied" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ reason: "rate_limited", per: "email", limit: 3 });
    // the lockout never saw the refused attempts
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).failedLoginCount).toBe(3);

    const unknown = `nobody-${crypto.randomUUID()}@example.test`;
    for (let index = 0; index < 3; index += 1) await signInWithPassword({ email: unknown, password: "x", context: context(newIp()) });
    expect(await signInWithPassword({ email: unknown, password: "x", context: context(newIp()) })).toMatchObject({ reason: "rate_limited" });

    // another account, from the address that was refused, still signs in
    const other = await seedUser();
    expect(await signInWithPassword({ email: other.email, password: other.password, context: context(ip) })).toMatchObject({ ok: true });
    expect(signInRateLimited(3599)).toBe("Too many sign-in attempts. Try again in 60 minutes.");
    expect(signInRateLimited(30)).toBe("Too many sign-in attempts. Try again in 30 seconds.");
  });

  it("refuses an address past its limit, whichever emails it tries", async () => {
    const ip = newIp();
    const user = await seedUser();
    for (let index = 0; index < 5; index += 1) await signInWithPassword({ email: `spray-${index}-${crypto.randomUUID()}@example.test`, password: "Winter2026!", context: context(ip) });
    expect(await signInWithPassword({ email: user.email, password: user.password, context: context(ip) })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await signInWithPassword({ email: user.email, password: user.password, context: context(newIp()) })).toMatchObject({ ok: true });
  });
});

describe("the counts in the database", () => {
  it("give requests counted at the same moment distinct, consecutive places", async () => {
    const key = `test:burst:${crypto.randomUUID()}`;
    const hits = await Promise.all(Array.from({ length: 40 }, () => countHit(key, 60)));
    expect(hits.map((hit) => hit.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect(new Set(hits.map((hit) => hit.resetAtMs)).size).toBe(1);
  });

  it("follow the window model: counted together, added up, restarted when the window has ended", async () => {
    const key = (name: string) => `test:${name}:${crypto.randomUUID()}`;
    const [a, b] = [key("a"), key("b")];
    // in the past: pruning at these times touches no live window of other tests
    const t0 = Date.now() - 86_400_000;
    let modelA: ReturnType<typeof nextWindow> | null = null;
    let modelB: ReturnType<typeof nextWindow> | null = null;
    const steps: { at: number; a: number; b: number }[] = [
      { at: t0, a: 2, b: 1 },
      { at: t0 + 30_000, a: 1, b: 0 },
      { at: t0 + 59_999, a: 4, b: 1 },
      { at: t0 + 60_000, a: 1, b: 0 },
      { at: t0 + 61_000, a: 0, b: 3 },
      { at: t0 + 200_000, a: 2, b: 2 },
    ];
    for (const step of steps) {
      const rows = [...(step.a ? [{ key: a, hits: step.a, windowSeconds: 60 }] : []), ...(step.b ? [{ key: b, hits: step.b, windowSeconds: 120 }] : [])];
      const counted = await countHits(rows, step.at);
      if (step.a) {
        modelA = nextWindow(modelA, step.a, step.at, 60);
        expect(counted.get(a), `a at +${step.at - t0} ms`).toEqual(modelA);
      }
      if (step.b) {
        modelB = nextWindow(modelB, step.b, step.at, 120);
        expect(counted.get(b), `b at +${step.at - t0} ms`).toEqual(modelB);
      }
    }
    expect(modelA).toEqual({ count: 2, resetAtMs: t0 + 260_000 });

    // pruning removes ended windows only
    await pruneRateLimits(new Date(t0 + 260_000));
    const left = await db().rateLimitBucket.findMany({ where: { key: { in: [a, b] } } });
    expect(left.map((row) => row.key)).toEqual([b]);
  });
});

describe("two Warden instances on one database", () => {
  const target = inject("databaseTarget");
  let instances: OAuthInstance[] = [];

  beforeAll(async () => {
    const env: Record<string, string> = {
      WARDEN_URL: ISSUER,
      WARDEN_SECRET: process.env.WARDEN_SECRET!,
      WARDEN_KEK: keyEncryptionKey().toString("base64url"),
      WARDEN_DATA_DIR: inject("dataDir"),
      WARDEN_LOG_LEVEL: "error",
      WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT: "4/1h",
      // every test request comes from 127.0.0.1
      WARDEN_RATE_LIMIT_TOKEN_PER_IP: "0",
      ...(target.provider === "postgresql" ? { DATABASE_URL: target.url } : {}),
    };
    instances = await Promise.all([startOAuthInstance(env), startOAuthInstance(env)]);
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
  });

  it("share one count per client, also for requests arriving at the same moment", async () => {
    const mine = await oauthFixture();
    const replies = await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        // authenticated, then refused by the grant (no DPoP proof): counted against the client either way
        const response = await fetch(`${instances[index % 2]!.url}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams((await agentParams(mine)) as Record<string, string>) });
        return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as Record<string, unknown> };
      }),
    );
    const limited = replies.filter((reply) => reply.status === 429);
    expect(limited, JSON.stringify(replies)).toHaveLength(6);
    expect(replies.filter((reply) => reply.status === 400).every((reply) => reply.body.error === "invalid_dpop_proof")).toBe(true);
    for (const reply of limited) {
      expect(reply.body.error).toBe("slow_down");
      expect(Number(reply.retryAfter)).toBeGreaterThan(HOUR - 120);
    }
    // a further request at either instance is refused; another client is not
    for (const instance of instances) {
      const response = await fetch(`${instance.url}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams((await agentParams(mine)) as Record<string, string>) });
      expect(response.status).toBe(429);
    }
    const other = await fetch(`${instances[0]!.url}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams((await agentParams(f)) as Record<string, string>) });
    expect(other.status).toBe(400);
  });
});
