// The enforcement SDK's bundle client against Warden's real lean HTTP routes
// (metadata, JWKS, policy bundle) on a node:http server in this process: it
// discovers, long-polls, takes a revocation within a second, and keeps its
// last good bundle when Warden sends a tampered or older one or is unreachable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { PolicyBundleClient, SDK_VERSION, type BundleError } from "@/lib/gateway/bundle-client";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { ISSUER } from "@/lib/oauth/config";
import type { PolicyBundle } from "@/lib/policy/bundle/document";
import { keyedGateway, oauthFixture, type TestKey } from "./helpers/oauth";
import { startFastRoutesServer } from "./helpers/fast-routes-server";

let server: Awaited<ReturnType<typeof startFastRoutesServer>>;
let origin: string;
const clients: PolicyBundleClient[] = [];

beforeAll(async () => {
  server = await startFastRoutesServer();
  origin = server.origin;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.stop()));
  await server.close();
});

/** fetch that sends requests for Warden's public URLs to the test server */
function routedFetch(): typeof fetch {
  return async (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(ISSUER(), origin), init);
}

function client(gateway: { id: string; key: TestKey }, fetchImpl: typeof fetch, events: { updates?: PolicyBundle[]; errors?: BundleError[] } = {}) {
  const instance = new PolicyBundleClient({
    issuer: ISSUER(),
    identityId: gateway.id,
    key: { privateKey: gateway.key.privateKey, kid: gateway.key.kid, alg: gateway.key.alg },
    waitSeconds: 20,
    fetch: fetchImpl,
    onUpdate: (bundle) => events.updates?.push(bundle),
    onError: (error) => events.errors?.push(error),
  });
  clients.push(instance);
  return instance;
}

const until = async (condition: () => boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
};

describe("PolicyBundleClient", () => {
  it("discovers Warden, takes its view's bundle, and takes a grant revocation within a second", async () => {
    const f = await oauthFixture();
    const updates: PolicyBundle[] = [];
    const sdk = client(await keyedGateway(f), routedFetch(), { updates });
    await sdk.start();
    const first = sdk.current()!;
    expect(first.servers.map((server) => server.id)).toEqual([f.server.id]);
    expect(first.grants.map((grant) => grant.id)).toEqual([f.grant.id]);
    expect(sdk.status()).toMatchObject({ revision: first.revision, errors: [], version: SDK_VERSION });
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "sdk test" } });
    const revokedAt = Date.now();
    expect(await until(() => sdk.current()!.revoked.grants.includes(f.grant.id), 1000)).toBe(true);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    expect(updates.at(-1)!.revision).toBeGreaterThan(first.revision);
    await sdk.stop();
  });

  it("refuses tampered (signature, typ, unknown kid) and rolled-back bundles, reports why in its status, and survives an unreachable Warden, keeping the last good bundle", async () => {
    const f = await oauthFixture();
    let mode: "pass" | "tamper" | "typ" | "kid" | "old" | "down" = "pass";
    const seen: string[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      const isBundle = String(input instanceof Request ? input.url : input).includes("/policy/v1/bundle");
      if (isBundle && mode === "down") throw new TypeError("fetch failed");
      if (isBundle && mode === "old") return new Response(seen[0], { status: 200, headers: { "content-type": "application/jose", etag: 'W/"old"' } });
      const response = await routedFetch()(input, init);
      if (!isBundle || response.status !== 200) return response;
      const jws = await response.text();
      seen.push(jws);
      if (mode === "pass") return new Response(jws, { status: 200, headers: response.headers });
      const [header, payload, signature] = jws.split(".") as [string, string, string];
      if (mode === "typ" || mode === "kid") {
        const protectedHeader = JSON.parse(Buffer.from(header, "base64url").toString()) as Record<string, unknown>;
        const changed = mode === "typ" ? { ...protectedHeader, typ: "JWT" } : { ...protectedHeader, kid: "not-a-warden-key" };
        return new Response(`${Buffer.from(JSON.stringify(changed)).toString("base64url")}.${payload}.${signature}`, { status: 200, headers: response.headers });
      }
      const document = JSON.parse(Buffer.from(payload, "base64url").toString()) as PolicyBundle;
      return new Response(`${header}.${Buffer.from(JSON.stringify({ ...document, revoked: { ...document.revoked, grants: [] } })).toString("base64url")}.${signature}`, { status: 200, headers: response.headers });
    };
    const errors: BundleError[] = [];
    const sdk = client(await keyedGateway(f), fetchImpl, { errors });
    expect(await sdk.refresh()).toBe(true);
    const first = sdk.current()!;

    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "sdk test" } });
    mode = "tamper";
    expect(await sdk.refresh()).toBeNull();
    expect(errors.at(-1)).toMatchObject({ reason: "signature" });
    expect(sdk.current()).toBe(first);

    mode = "typ";
    expect(await sdk.refresh()).toBeNull();
    expect(errors.at(-1)).toMatchObject({ reason: "typ" });
    mode = "kid";
    expect(await sdk.refresh()).toBeNull();
    expect(errors.at(-1)).toMatchObject({ reason: "unknown_kid" });
    expect(sdk.current()).toBe(first);
    expect(sdk.status().errors.map((error) => error.reason)).toEqual(["signature", "typ", "unknown_kid"]);

    mode = "pass";
    expect(await sdk.refresh()).toBe(true);
    const second = sdk.current()!;
    expect(second.revision).toBeGreaterThan(first.revision);
    expect(second.revoked.grants).toContain(f.grant.id);

    mode = "old";
    expect(await sdk.refresh()).toBeNull();
    expect(errors.at(-1)).toMatchObject({ reason: "rollback" });
    expect(sdk.current()).toBe(second);

    mode = "down";
    expect(await sdk.refresh()).toBeNull();
    expect(errors.at(-1)!.message).toMatch(/fetch failed/);
    expect(sdk.current()).toBe(second);
    expect(sdk.status()).toMatchObject({ revision: second.revision, version: SDK_VERSION });
    expect(sdk.status().errors).toHaveLength(5);
  });
});
