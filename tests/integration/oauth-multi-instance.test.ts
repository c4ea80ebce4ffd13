// Two Warden instances, each its own process, on one database — the same
// PostgreSQL database, or the same SQLite file — behind one issuer, as behind
// a load balancer. The single-use values (client assertion and DPoP proof
// jtis) live in the shared database, so a value spent at one instance is
// refused at the other, also when both receive it at the same moment; DPoP
// nonces derive from the shared secret, so one instance's nonce works at the other.
// A change made anywhere reaches both instances' token endpoints and wakes
// their held policy-bundle polls within a second.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { ACCESS_TOKEN_TYPE, CLIENT_ASSERTION_TYPE, TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { POLICY_BUNDLE_PATH } from "@/lib/policy/bundle/paths";
import { seedIdentity } from "@/lib/seed/factories";
import { keyEncryptionKey } from "@/lib/signing-keys/kek";
import { clientAssertion, dpopProof, oauthFixture, testKey, type OAuthFixture } from "./helpers/oauth";
import { startOAuthInstance, type OAuthInstance } from "./helpers/warden-process";

// no instance listens here: clients address an instance, proofs and assertions name the issuer
const SHARED_ISSUER = "https://warden.instances.test";
const ROUNDS = 10;
/** POLL_MS plus a query, with room for a busy test machine */
const FRESHNESS_MS = 1000;

const target = inject("databaseTarget");
const savedUrl = process.env.WARDEN_URL;
let a: OAuthInstance | undefined;
let b: OAuthInstance | undefined;

beforeAll(async () => {
  process.env.WARDEN_URL = SHARED_ISSUER;
  resetEnvCache();
  const env: Record<string, string> = {
    WARDEN_URL: SHARED_ISSUER,
    // nonces are an HMAC under this secret: shared, so every instance issues and accepts the same ones
    WARDEN_SECRET: process.env.WARDEN_SECRET!,
    // the key that encrypts the signing keys already in this database
    WARDEN_KEK: keyEncryptionKey().toString("base64url"),
    WARDEN_DATA_DIR: inject("dataDir"),
    WARDEN_LOG_LEVEL: "error",
    ...(target.provider === "postgresql" ? { DATABASE_URL: target.url } : {}),
  };
  [a, b] = await Promise.all([startOAuthInstance(env), startOAuthInstance(env)]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  if (savedUrl === undefined) delete process.env.WARDEN_URL;
  else process.env.WARDEN_URL = savedUrl;
  resetEnvCache();
});

type Reply = { status: number; headers: Headers; body: Record<string, unknown> };

async function post(instance: OAuthInstance | undefined, path: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${instance!.url}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const describeReply = (reply: Reply) => `${reply.status} ${JSON.stringify(reply.body)}`;

/** client_credentials for the fixture's agent at `instance`, with the given (or a fresh) assertion and DPoP proof. */
async function agentToken(instance: OAuthInstance | undefined, f: OAuthFixture, options: { assertion?: string; proof?: string; nonce?: string } = {}): Promise<Reply> {
  return post(
    instance,
    "/oauth/token",
    { grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: options.assertion ?? (await clientAssertion(f.agent.clientId, f.agentKey)), resource: f.server.resourceUri!, scope: f.scope("read_ledger") },
    { dpop: options.proof ?? (await dpopProof(f.dpopKey, { nonce: options.nonce })) },
  );
}

/** The nonce an instance hands out with use_dpop_nonce. */
async function nonceFrom(instance: OAuthInstance | undefined, f: OAuthFixture): Promise<string> {
  const reply = await agentToken(instance, f);
  expect(reply.body.error, describeReply(reply)).toBe("use_dpop_nonce");
  return reply.headers.get("dpop-nonce")!;
}

describe(`two Warden instances sharing one ${target.provider === "postgresql" ? "PostgreSQL database" : "SQLite file"}`, () => {
  it("are two processes serving the same issuer", async () => {
    expect(a!.child.pid).not.toBe(b!.child.pid);
    const [metadataA, metadataB] = await Promise.all([a, b].map(async (instance) => (await fetch(`${instance!.url}/.well-known/oauth-authorization-server`)).json()));
    expect(metadataA).toMatchObject({ issuer: SHARED_ISSUER, token_endpoint: `${SHARED_ISSUER}/oauth/token` });
    expect(metadataB).toMatchObject({ issuer: SHARED_ISSUER });
    const [jwksA, jwksB] = await Promise.all([a, b].map(async (instance) => (await fetch(`${instance!.url}/.well-known/jwks.json`)).text()));
    expect(jwksA).toBe(jwksB);
  });

  it("accept each other's DPoP nonces", async () => {
    const f = await oauthFixture();
    const nonce = await nonceFrom(a, f);
    const reply = await agentToken(b, f, { nonce });
    expect(reply.status, describeReply(reply)).toBe(200);
    expect(reply.body.token_type).toBe("DPoP");
    // and B hands out the same nonce
    expect(await nonceFrom(b, f)).toBe(nonce);
  });

  it("refuse a client assertion at B that was already used at A", async () => {
    const f = await oauthFixture();
    const nonce = await nonceFrom(a, f);
    const assertion = await clientAssertion(f.agent.clientId, f.agentKey);
    const first = await agentToken(a, f, { assertion, nonce });
    expect(first.status, describeReply(first)).toBe(200);
    // a fresh DPoP proof: only the assertion is replayed
    const replay = await agentToken(b, f, { assertion, nonce });
    expect(replay.status, describeReply(replay)).toBe(401);
    expect(replay.body).toMatchObject({ error: "invalid_client", error_description: expect.stringMatching(/already used/) });
  });

  it("refuse a DPoP proof at B that was already used at A", async () => {
    const f = await oauthFixture();
    const nonce = await nonceFrom(a, f);
    const proof = await dpopProof(f.dpopKey, { nonce });
    const first = await agentToken(a, f, { proof });
    expect(first.status, describeReply(first)).toBe(200);
    // a fresh client assertion: only the proof is replayed
    const replay = await agentToken(b, f, { proof });
    expect(replay.status, describeReply(replay)).toBe(400);
    expect(replay.body).toMatchObject({ error: "invalid_dpop_proof", error_description: expect.stringMatching(/already used/) });
  });

  it(`let exactly one of two simultaneous uses of a client assertion through (${ROUNDS} rounds)`, async () => {
    const f = await oauthFixture();
    const nonce = await nonceFrom(a, f);
    for (let round = 0; round < ROUNDS; round += 1) {
      const assertion = await clientAssertion(f.agent.clientId, f.agentKey);
      // each request its own proof, so the assertion is the only shared value
      const [proofA, proofB] = await Promise.all([dpopProof(f.dpopKey, { nonce }), dpopProof(f.dpopKey, { nonce })]);
      const replies = await Promise.all([agentToken(a, f, { assertion, proof: proofA }), agentToken(b, f, { assertion, proof: proofB })]);
      const summary = `round ${round}: ${replies.map(describeReply).join(" | ")}`;
      expect(replies.filter((reply) => reply.status === 200), summary).toHaveLength(1);
      const refused = replies.find((reply) => reply.status !== 200)!;
      expect(refused.status, summary).toBe(401);
      expect(refused.body, summary).toMatchObject({ error: "invalid_client", error_description: expect.stringMatching(/already used/) });
    }
    // both instances audited their side of every round before answering
    const events = await db().auditEvent.findMany({ where: { actorId: f.agent.id, action: { in: ["token.issued", "token.refused"] } }, select: { action: true, details: true } });
    expect(events.filter((event) => event.action === "token.issued")).toHaveLength(ROUNDS);
    expect(events.filter((event) => event.action === "token.refused" && /already used/.test(String((event.details as { description?: unknown }).description)))).toHaveLength(ROUNDS);
  });

  it(`let exactly one of two simultaneous uses of a DPoP proof through (${ROUNDS} rounds)`, async () => {
    const f = await oauthFixture();
    const nonce = await nonceFrom(a, f);
    for (let round = 0; round < ROUNDS; round += 1) {
      const proof = await dpopProof(f.dpopKey, { nonce });
      const replies = await Promise.all([agentToken(a, f, { proof }), agentToken(b, f, { proof })]);
      const summary = `round ${round}: ${replies.map(describeReply).join(" | ")}`;
      expect(replies.filter((reply) => reply.status === 200), summary).toHaveLength(1);
      expect(replies.find((reply) => reply.status !== 200)!.body, summary).toMatchObject({ error: "invalid_dpop_proof", error_description: expect.stringMatching(/already used/) });
    }
  });

  it("honour each other's tokens: issued at A, exchanged and introspected at B, revoked at B, inactive at A", async () => {
    const f = await oauthFixture();
    const nonce = await nonceFrom(a, f);
    const issued = await agentToken(a, f, { nonce });
    expect(issued.status, describeReply(issued)).toBe(200);
    const token = String(issued.body.access_token);
    const asServer = async (instance: OAuthInstance | undefined) =>
      post(instance, "/oauth/introspect", { token, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.server.id, f.serverKey) });
    expect((await asServer(b)).body).toMatchObject({ active: true, sub: f.agent.id, iss: SHARED_ISSUER });
    const exchanged = await post(
      b,
      "/oauth/token",
      { grant_type: TOKEN_EXCHANGE_GRANT, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.server.id, f.serverKey), subject_token: token, subject_token_type: ACCESS_TOKEN_TYPE, resource: f.resource.resourceUri! },
      { dpop: await dpopProof(f.serverKey, { nonce }) },
    );
    expect(exchanged.status, describeReply(exchanged)).toBe(200);
    const revoked = await post(b, "/oauth/revoke", { token, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.agent.clientId, f.agentKey) });
    expect(revoked.status, describeReply(revoked)).toBe(200);
    expect((await asServer(a)).body).toEqual({ active: false });
  });

  // the token endpoint caches its lookups per policy revision (lib/policy/policy-cache.ts);
  // a change made elsewhere must reach both instances within a poll interval plus a query
  it.each([
    // a request that read the client before the cache was dropped and the grants after it is refused for its scope
    ["suspending the agent", (f: OAuthFixture) => changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: f.agent.id, change: "suspend", reason: "freshness test" }), ["invalid_client", "invalid_scope"]],
    ["revoking its grant", (f: OAuthFixture) => revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "freshness test" } }), ["invalid_scope"]],
  ] as const)("refuse tokens within a second of %s, made outside both instances", async (_name, change, errors) => {
    const f = await oauthFixture();
    const nonce = await nonceFrom(a, f);
    // both instances have now cached this agent, its keys and its grants
    for (const instance of [a, b]) {
      const warm = await agentToken(instance, f, { nonce });
      expect(warm.status, describeReply(warm)).toBe(200);
    }
    await change(f);
    const changedAt = Date.now();
    const refusedAfter = await Promise.all(
      [a, b].map(async (instance) => {
        let reply = await agentToken(instance, f, { nonce });
        while (reply.status === 200 && Date.now() - changedAt < FRESHNESS_MS) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          reply = await agentToken(instance, f, { nonce });
        }
        expect(errors, describeReply(reply)).toContain(reply.body.error);
        expect(reply.body.access_token).toBeUndefined();
        return Date.now() - changedAt;
      }),
    );
    for (const elapsed of refusedAfter) expect(elapsed).toBeLessThan(FRESHNESS_MS);
  });

  it("wake a policy-bundle long poll held by either instance within a second of a change made elsewhere", async () => {
    const f = await oauthFixture();
    const key = await testKey();
    const gateway = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [f.server.id] } });
    await addKeys({ actor: SYSTEM_ACTOR, identityId: gateway.id, input: { jwk: key.publicJwk } });
    const authorization = `Bearer ${await clientAssertion(gateway.id, key, { claims: { aud: `${SHARED_ISSUER}${POLICY_BUNDLE_PATH}` } })}`;
    const poll = async (instance: OAuthInstance | undefined, etag?: string) =>
      fetch(`${instance!.url}${POLICY_BUNDLE_PATH}${etag ? "?wait=20" : ""}`, { headers: { authorization, ...(etag ? { "if-none-match": etag } : {}) } });
    const [firstA, firstB] = [await poll(a), await poll(b)];
    expect([firstA.status, firstB.status]).toEqual([200, 200]);
    const held = [poll(a, firstA.headers.get("etag")!), poll(b, firstB.headers.get("etag")!)];
    await new Promise((resolve) => setTimeout(resolve, 300));
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "multi-instance long poll" } });
    const revokedAt = Date.now();
    const answered = await Promise.all(held.map(async (reply) => ({ status: (await reply).status, after: Date.now() - revokedAt })));
    for (const { status, after } of answered) {
      expect(status).toBe(200);
      expect(after).toBeLessThan(1000);
    }
  });

  it("append to one unbroken audit chain", async () => {
    const report = await verifyAuditChain(db());
    expect(report.firstBreak).toBeNull();
    expect(report.ok).toBe(true);
  });
});
