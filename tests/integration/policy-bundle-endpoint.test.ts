// GET /policy/v1/bundle on a real node:http server in this process: who may
// fetch, ETag and 304, and long polls that answer as soon as a change reaches
// the caller's view — under a second after the revoking call returns.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { JSONWebKeySet } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { verifyPolicyBundle } from "@/lib/gateway/verify-bundle";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { revokeKey } from "@/lib/identities/keys/revoke-key";
import { ISSUER } from "@/lib/oauth/config";
import { heldPolls, serveBundle } from "@/lib/policy/bundle/bundle-endpoint";
import { POLICY_BUNDLE_PATH, policyBundleEndpoint } from "@/lib/policy/bundle/paths";
import { seedIdentity } from "@/lib/seed/factories";
import { keyStore } from "@/lib/signing-keys/key-store";
import { clientAssertion, oauthFixture, testKey, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { startFastRoutesServer } from "./helpers/fast-routes-server";

let server: http.Server;
let base: string;
let f: OAuthFixture;
let gatewayId: string;
let gatewayKey: TestKey;

beforeAll(async () => {
  server = http.createServer((req, res) => void serveBundle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${POLICY_BUNDLE_PATH}`;
  f = await oauthFixture();
  gatewayKey = await testKey();
  const gateway = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [f.server.id] } });
  await addKeys({ actor: SYSTEM_ACTOR, identityId: gateway.id, input: { jwk: gatewayKey.publicJwk } });
  gatewayId = gateway.id;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const credential = (id = gatewayId, key = gatewayKey, claims: Record<string, unknown> = {}) => clientAssertion(id, key, { claims: { aud: policyBundleEndpoint(), ...claims } });
const fetchBundle = async (options: { query?: string; etag?: string; authorization?: string | null } = {}) => {
  const authorization = options.authorization === undefined ? `Bearer ${await credential()}` : options.authorization;
  return fetch(`${base}${options.query ?? ""}`, { headers: { ...(authorization ? { authorization } : {}), ...(options.etag ? { "if-none-match": options.etag } : {}) } });
};
const jwks = async () => JSON.parse((await keyStore({ refresh: true })).jwks.body) as JSONWebKeySet;

describe("GET /policy/v1/bundle", () => {
  it("refuses callers without a valid credential, with a Bearer challenge", async () => {
    const missing = await fetchBundle({ authorization: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer realm=".+", error="invalid_token"/);
    expect(missing.headers.get("cache-control")).toBe("no-store");
    for (const claims of [{ aud: ISSUER() }, { exp: Math.floor(Date.now() / 1000) - 5 }, { exp: Math.floor(Date.now() / 1000) + 3600 }]) {
      const reply = await fetchBundle({ authorization: `Bearer ${await credential(gatewayId, gatewayKey, claims)}` });
      expect(reply.status, JSON.stringify(claims)).toBe(401);
      expect(((await reply.json()) as { error: string }).error).toBe("invalid_token");
    }
    const forged = await fetchBundle({ authorization: `Bearer ${await credential(gatewayId, await testKey())}` });
    expect(forged.status).toBe(401);
  });

  it("refuses identities that are not enforcement points (403) and learns them nothing", async () => {
    const reply = await fetchBundle({ authorization: `Bearer ${await credential(f.agent.clientId, f.agentKey)}` });
    expect(reply.status).toBe(403);
    const body = await reply.text();
    expect(body).not.toContain(f.server.id);
  });

  it("serves the signed bundle with a weak ETag, and 304 for it; refuses a bad wait", async () => {
    const reply = await fetchBundle();
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/jose");
    expect(reply.headers.get("cache-control")).toBe("private, no-cache");
    const etag = reply.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"/);
    const bundle = await verifyPolicyBundle(await reply.text(), { jwks: await jwks(), issuer: ISSUER(), audience: gatewayId });
    expect(bundle.servers.map((item) => item.id)).toEqual([f.server.id]);
    expect(reply.headers.get("x-warden-policy-revision")).toBe(String(bundle.revision));
    const again = await fetchBundle({ etag });
    // another test file may rotate the signing key meanwhile, which changes every view
    expect([304, 200]).toContain(again.status);
    if (again.status === 200) expect(again.headers.get("etag")).not.toBe(etag);
    for (const wait of ["abc", "61", "-1"]) expect((await fetchBundle({ query: `?wait=${wait}` })).status).toBe(400);
  });

  it("holds a long poll and answers within a second of a grant revocation returning", async () => {
    const g = await oauthFixture();
    const key = await testKey();
    const gateway = await seedIdentity({ kind: "gateway", owner: g.owner, extra: { serverIds: [g.server.id] } });
    await addKeys({ actor: SYSTEM_ACTOR, identityId: gateway.id, input: { jwk: key.publicJwk } });
    const authorization = `Bearer ${await credential(gateway.id, key)}`;
    const first = await fetchBundle({ authorization });
    const etag = first.headers.get("etag")!;
    const started = Date.now();
    const held = fetchBundle({ authorization, etag, query: "?wait=20" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: g.grant.id, input: { reason: "long-poll test" } });
    const revokedAt = Date.now();
    const reply = await held;
    const answeredAt = Date.now();
    expect(reply.status).toBe(200);
    expect(answeredAt - revokedAt).toBeLessThan(1000);
    expect(answeredAt - started).toBeGreaterThanOrEqual(300);
    const bundle = await verifyPolicyBundle(await reply.text(), { jwks: await jwks(), issuer: ISSUER(), audience: gateway.id });
    expect(bundle.revoked.grants).toContain(g.grant.id);
  });

  it("answers 304 when a long poll times out with nothing new for its view", async () => {
    let etag = (await fetchBundle()).headers.get("etag")!;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = Date.now();
      const reply = await fetchBundle({ etag, query: "?wait=1" });
      if (reply.status === 200) {
        // a signing-key rotation elsewhere changed every view: poll again from the new ETag
        etag = reply.headers.get("etag")!;
        continue;
      }
      expect(reply.status).toBe(304);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      return;
    }
    throw new Error("the view kept changing");
  });

  it("lets go of a held poll when the client disconnects", async () => {
    const etag = (await fetchBundle()).headers.get("etag")!;
    const before = heldPolls();
    const abort = new AbortController();
    const held = fetch(`${base}?wait=30`, { headers: { authorization: `Bearer ${await credential()}`, "if-none-match": etag }, signal: abort.signal }).catch((error: unknown) => error);
    const waitFor = async (count: number) => {
      for (let attempt = 0; attempt < 50 && heldPolls() !== count; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      return heldPolls();
    };
    expect(await waitFor(before + 1)).toBe(before + 1);
    abort.abort();
    await held;
    expect(await waitFor(before)).toBe(before);
  });

  it("stops serving a gateway once it is suspended", async () => {
    const key = await testKey();
    const gateway = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [f.server.id] } });
    await addKeys({ actor: SYSTEM_ACTOR, identityId: gateway.id, input: { jwk: key.publicJwk } });
    const authorization = `Bearer ${await credential(gateway.id, key)}`;
    expect((await fetchBundle({ authorization })).status).toBe(200);
    await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: gateway.id, change: "suspend", reason: "endpoint test" });
    // the same (cached) credential: refused once this instance sees the new revision
    let status = 200;
    for (let attempt = 0; attempt < 20 && status === 200; attempt += 1) {
      status = (await fetchBundle({ authorization })).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect([401, 403]).toContain(status);
  });
});

describe("GET /policy/v1/bundle on the lean path (FAST_ROUTES)", () => {
  const hot = () => (globalThis as Record<symbol, Map<string, unknown> | undefined>)[Symbol.for("warden.hotBundlePolls")];

  it("answers a repeated conditional GET from memory, and stops at once when the gateway is suspended or its key revoked", async () => {
    const lean = await startFastRoutesServer();
    try {
      for (const change of ["suspend", "revoke key"] as const) {
        const key = await testKey();
        const gateway = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [f.server.id] } });
        const [added] = (await addKeys({ actor: SYSTEM_ACTOR, identityId: gateway.id, input: { jwk: key.publicJwk } })).items;
        const authorization = `Bearer ${await credential(gateway.id, key)}`;
        const get = (etag?: string) => fetch(`${lean.origin}${POLICY_BUNDLE_PATH}`, { headers: { authorization, ...(etag ? { "if-none-match": etag } : {}) } });
        const first = await get();
        expect(first.status).toBe(200);
        const etag = first.headers.get("etag")!;
        expect((await get(etag)).status).toBe(304);
        expect(hot()?.has(authorization)).toBe(true);
        const again = await get(etag);
        expect(again.status).toBe(304);
        expect(again.headers.get("etag")).toBe(etag);

        if (change === "suspend") await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: gateway.id, change: "suspend", reason: "hot path test" });
        else await revokeKey({ actor: SYSTEM_ACTOR, identityId: gateway.id, keyId: added!.id, input: { reason: "hot path test" } });
        // no waiting: the change dropped this instance's lookups, so the memory answer is gone with them
        const refused = await get(etag);
        expect(refused.status, change).toBe(change === "suspend" ? 403 : 401);
      }
    } finally {
      await lean.close();
    }
  });

  it("stops answering from memory when the credential expires", async () => {
    const lean = await startFastRoutesServer();
    try {
      const now = Math.floor(Date.now() / 1000);
      const authorization = `Bearer ${await credential(gatewayId, gatewayKey, { iat: now, exp: now + 2 })}`;
      const get = (etag?: string) => fetch(`${lean.origin}${POLICY_BUNDLE_PATH}`, { headers: { authorization, ...(etag ? { "if-none-match": etag } : {}) } });
      const etag = (await get()).headers.get("etag")!;
      expect((await get(etag)).status).toBe(304);
      await new Promise((resolve) => setTimeout(resolve, (now + 2) * 1000 - Date.now() + 50));
      expect((await get(etag)).status).toBe(401);
    } finally {
      await lean.close();
    }
  });
});
