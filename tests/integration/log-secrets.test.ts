// No secret ever reaches the logs: every line Warden writes at the most
// verbose level is captured while a user signs in, an API token and a webhook
// secret are created, the signing key is rotated, and an agent gets a token
// with a client assertion and a DPoP proof over a real socket (some
// credentials also sent where they do not belong: in query strings); then no
// password, assertion, proof, access token, API token, webhook secret or
// private key part may appear anywhere in them. Request lines carry the
// request id the response announced.
import crypto from "node:crypto";
import type { JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createTokenRoute } from "@/app/api/v1/api-tokens/route";
import { POST as rotateRoute } from "@/app/api/v1/signing-keys/rotate/route";
import { POST as createWebhookRoute } from "@/app/api/v1/webhooks/route";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { createLogger, useLogger } from "@/lib/log";
import { CLIENT_ASSERTION_TYPE } from "@/lib/oauth/config";
import { POLICY_BUNDLE_PATH } from "@/lib/policy/bundle/paths";
import { seedUser, sessionCookieFor } from "@/lib/seed/factories";
import { decryptSecret } from "@/lib/signing-keys/kek";
import { call } from "./helpers/http";
import { clientAssertion, dpopProof, oauthFixture } from "./helpers/oauth";
import { serveFastRoutes, type Listening } from "./helpers/warden-process";

const lines: string[] = [];
let warden: Listening;
const savedUrl = process.env.WARDEN_URL;

beforeAll(async () => {
  useLogger(createLogger({ level: "trace", destination: { write: (line: string) => void lines.push(line) } }));
  warden = await serveFastRoutes();
  process.env.WARDEN_URL = warden.url;
  resetEnvCache();
});

afterAll(async () => {
  useLogger(null);
  if (savedUrl === undefined) delete process.env.WARDEN_URL;
  else process.env.WARDEN_URL = savedUrl;
  resetEnvCache();
  await warden?.close();
});

describe("no secrets in logs", () => {
  it("logs none of the credentials it handles, and request lines carry the request id", async () => {
    const secrets: { kind: string; value: string }[] = [];
    const keep = (kind: string, value: string) => {
      expect(value.length, kind).toBeGreaterThanOrEqual(16);
      secrets.push({ kind, value });
      return value;
    };
    const start = lines.length;

    // an admin signs in, after one wrong password
    const admin = await seedUser({ role: "admin" });
    keep("password", admin.password);
    const context = { requestId: `req_signin${crypto.randomBytes(6).toString("hex")}`, ip: "203.0.113.7", userAgent: "log-secrets test" };
    expect(await signInWithPassword({ email: admin.email, password: keep("wrong password", `wrong-${crypto.randomUUID()}`), context })).toMatchObject({ ok: false });
    expect(await signInWithPassword({ email: admin.email, password: admin.password, context })).toMatchObject({ ok: true });
    const { cookie } = await sessionCookieFor(admin.id);
    keep("session cookie", cookie.split("=")[1]!);

    // an API token and a webhook secret
    const created = await call<{ secret: string }>(createTokenRoute, { method: "POST", path: "/api/v1/api-tokens", cookie, body: { name: `logs ${crypto.randomUUID()}`, role: "admin" } });
    expect(created.status).toBe(201);
    const apiToken = keep("API token", created.body.secret);
    const webhook = await call<{ secret: string }>(createWebhookRoute, {
      method: "POST",
      path: "/api/v1/webhooks",
      cookie,
      body: { url: `https://hooks-${crypto.randomUUID()}.example.test/warden`, events: ["campaign.launched"] },
    });
    expect(webhook.status, webhook.text).toBe(201);
    keep("webhook secret", webhook.body.secret);

    // the signing key rotated: the private parts of the keys it now holds
    const rotated = await call<{ active: string; next: string }>(rotateRoute, { method: "POST", path: "/api/v1/signing-keys/rotate", bearer: apiToken, body: {} });
    expect(rotated.status).toBe(200);
    for (const kid of [rotated.body.active, rotated.body.next]) {
      const row = await db().signingKey.findUniqueOrThrow({ where: { kid } });
      const privateJwk = JSON.parse(decryptSecret(row.encryptedPrivateKey, row.kid)) as JWK;
      keep(`private key d of ${kid}`, privateJwk.d!);
      keep(`encrypted private key of ${kid}`, row.encryptedPrivateKey);
    }

    // an agent: client assertion and DPoP proof, over the lean path
    const f = await oauthFixture();
    const post = async (params: Record<string, string>, headers: Record<string, string>, query = "") => {
      const response = await fetch(`${warden.url}/oauth/token${query}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(params) });
      return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, string> };
    };
    const form = async () => ({ grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: keep("client assertion", await clientAssertion(f.agent.clientId, f.agentKey)), resource: f.server.resourceUri! });
    const challenge = await post(await form(), { dpop: keep("DPoP proof", await dpopProof(f.dpopKey)) });
    expect(challenge.body.error).toBe("use_dpop_nonce");
    const nonce = challenge.headers.get("dpop-nonce")!;
    const requestId = `req_logtest${crypto.randomBytes(6).toString("hex")}`;
    const issued = await post(await form(), { dpop: keep("DPoP proof", await dpopProof(f.dpopKey, { nonce })), "x-request-id": requestId });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.headers.get("x-request-id")).toBe(requestId);
    const accessToken = keep("access token", issued.body.access_token!);
    // credentials where they do not belong: the query string and a bearer the bundle endpoint refuses
    const misplaced = keep("client assertion", await clientAssertion(f.agent.clientId, f.agentKey));
    await post({ grant_type: "client_credentials" }, { dpop: keep("DPoP proof", await dpopProof(f.dpopKey, { nonce })) }, `?client_assertion=${misplaced}`);
    const refused = await fetch(`${warden.url}${POLICY_BUNDLE_PATH}?access_token=${accessToken}`, { headers: { authorization: `DPoP ${accessToken}`, cookie } });
    expect(refused.status).toBe(401);
    const scraped = await fetch(`${warden.url}/metrics`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(scraped.status).toBe(200);
    await scraped.text();

    const captured = lines.slice(start);
    expect(captured.length).toBeGreaterThan(5);
    const parsed = captured.map((line) => JSON.parse(line) as Record<string, unknown>);
    const text = captured.join("");
    for (const secret of secrets) expect(text.includes(secret.value), `the logs contain a ${secret.kind}`).toBe(false);
    expect(text).not.toContain(process.env.WARDEN_SECRET!);
    expect(text).not.toMatch(/scrypt\$|wdn_[A-Za-z0-9_-]{20}|whsec_|eyJ[A-Za-z0-9_-]{10,}\.eyJ/);

    // one line per answered request, with its request id, route, status and time, and nothing of the URL or headers
    const requests = parsed.filter((line) => line.msg === "request");
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const line of requests) {
      expect(line.requestId).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
      expect(Object.keys(line).sort()).toEqual(["durationMs", "level", "method", "msg", "requestId", "route", "service", "status", "time"]);
    }
    expect(requests.find((line) => line.requestId === requestId)).toMatchObject({ level: 20, method: "POST", route: "/oauth/token", status: 200, service: "warden" });
    expect(requests.some((line) => line.route === POLICY_BUNDLE_PATH && line.status === 401)).toBe(true);
    expect(requests.some((line) => line.route === "/metrics" && line.status === 200)).toBe(true);
  });
});
