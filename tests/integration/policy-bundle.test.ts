// The policy bundle (issue "Policy distribution", first part): compiled from the
// database for one enforcement point's view, signed with Warden's key, the same
// document for the same revision, a new revision for every change it reflects,
// and checked by the enforcement SDK (lib/gateway/verify-bundle.ts), which
// refuses tampered, foreign and rolled-back bundles.
import crypto from "node:crypto";
import { CompactSign, decodeJwt, exportJWK, generateKeyPair, type JSONWebKeySet } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/audit/hash";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { revokeKey } from "@/lib/identities/keys/revoke-key";
import { db } from "@/lib/db/client";
import { BundleRejected, verifyPolicyBundle } from "@/lib/gateway/verify-bundle";
import { createGrant } from "@/lib/grants/create-grant";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { transact } from "@/lib/db/transaction";
import { bumpPolicyRevision } from "@/lib/policy/revision";
import { ISSUER } from "@/lib/oauth/config";
import { recordTokenRevocation } from "@/lib/oauth/revoke-token";
import { verifyAccessToken } from "@/lib/oauth/access-token";
import { compileBundle, viewOf, type BundleView } from "@/lib/policy/bundle/compile";
import { POLICY_BUNDLE_TYP, ZPolicyBundle } from "@/lib/policy/bundle/document";
import { signedBundle } from "@/lib/policy/bundle/signed-bundle";
import { seedIdentity } from "@/lib/seed/factories";
import { keyStore } from "@/lib/signing-keys/key-store";
import { agentToken, oauthFixture, testKey, type OAuthFixture } from "./helpers/oauth";

let f: OAuthFixture;
let other: OAuthFixture;
let view: BundleView;
let gatewayId: string;

const currentRevision = async () => Number((await db().policyState.findUniqueOrThrow({ where: { id: 1 } })).revision);
const jwks = async () => JSON.parse((await keyStore({ refresh: true })).jwks.body) as JSONWebKeySet;
const verifyOptions = async (currentRevisionInUse?: number) => ({ jwks: await jwks(), issuer: ISSUER(), audience: gatewayId, currentRevision: currentRevisionInUse ?? null });

beforeAll(async () => {
  f = await oauthFixture();
  other = await oauthFixture();
  const gateway = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [f.server.id] } });
  gatewayId = gateway.id;
  view = (await viewOf(gateway.id))!;
});

describe("policy bundle", () => {
  it("holds the fronted server's tools, agents, grants and exchange policies — and nothing of other servers", async () => {
    expect(view).toEqual({ audience: gatewayId, serverIds: [f.server.id] });
    const bundle = ZPolicyBundle.parse(await compileBundle(view));
    expect(bundle).toMatchObject({ version: 1, iss: ISSUER(), audience: gatewayId, jwksUri: `${ISSUER()}/.well-known/jwks.json` });
    expect(bundle.servers.map((server) => server.id)).toEqual([f.server.id]);
    const tools = Object.fromEntries(bundle.servers[0]!.tools.map((tool) => [tool.name, tool]));
    expect(tools.read_ledger).toEqual({ name: "read_ledger", scope: f.scope("read_ledger"), tier: "read", status: "approved" });
    expect(tools.wire_money).toMatchObject({ tier: "irreversible", status: "approved" });
    expect(tools.unapproved_tool).toMatchObject({ tier: null, status: "unclassified" });
    expect(bundle.agents).toEqual([{ id: f.agent.id, clientId: f.agent.clientId, status: "active", dpopRequired: true, binding: "dpop", hardwareKeysRequired: false }]);
    expect(bundle.grants).toEqual([{ id: f.grant.id, agentId: f.agent.id, serverId: f.server.id, scopes: [f.scope("post_entry"), f.scope("read_ledger")], expiresAt: null }]);
    expect(bundle.exchangePolicies).toEqual([expect.objectContaining({ serverId: f.server.id, resourceId: f.resource.id, resourceUri: f.resource.resourceUri, maxDepth: 4 })]);
    const published = (await jwks()).keys.map((key) => key.kid);
    for (const kid of bundle.signingKeyIds) expect(published).toContain(kid);
    const text = JSON.stringify(bundle);
    for (const foreign of [other.server.id, other.agent.id, other.grant.id, other.scope("read_ledger")]) expect(text).not.toContain(foreign);
  });

  it("publishes a grant's expiry and only its live scopes; a grant with none left keeps an empty list", async () => {
    const agent = await seedIdentity({ kind: "agent", owner: f.owner });
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    expiresAt.setUTCMilliseconds(0);
    const grant = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: f.server.id, toolIds: [f.tool("read_ledger").id, f.tool("post_entry").id], justification: "bundle loader test", expiresAt: expiresAt.toISOString() } });
    // one scope narrowed away (as a campaign's modify decision does), the revision moved with it
    await transact(async (tx) => {
      await tx.grantTool.updateMany({ where: { grantId: grant.id, scope: f.scope("post_entry") }, data: { revokedAt: new Date() } });
      await bumpPolicyRevision(tx);
    });
    const narrowed = ZPolicyBundle.parse(await compileBundle(view)).grants.find((item) => item.id === grant.id);
    expect(narrowed).toEqual({ id: grant.id, agentId: agent.id, serverId: f.server.id, scopes: [f.scope("read_ledger")], expiresAt: expiresAt.toISOString() });
    await transact(async (tx) => {
      await tx.grantTool.updateMany({ where: { grantId: grant.id }, data: { revokedAt: new Date() } });
      await bumpPolicyRevision(tx);
    });
    expect(ZPolicyBundle.parse(await compileBundle(view)).grants.find((item) => item.id === grant.id)).toMatchObject({ scopes: [] });
  });

  it("is the same document, signature key and ETag while the revision stands", async () => {
    const revision = await currentRevision();
    const first = await signedBundle(view, revision);
    const again = await signedBundle(view, revision);
    expect(again).toBe(first);
    // compiled afresh (as another instance would) at one revision, the document is the same;
    // other test files change policy meanwhile, so compare two compiles that met the same revision
    let pair: [string, string] | null = null;
    for (let attempt = 0; attempt < 10 && !pair; attempt += 1) {
      const [one, two] = [await compileBundle(view), await compileBundle(view)];
      if (one.revision === two.revision) pair = [JSON.stringify(one), JSON.stringify(two)];
    }
    expect(pair).not.toBeNull();
    expect(pair![0]).toBe(pair![1]);
    expect(first.etag).toMatch(/^W\/"[A-Za-z0-9_-]{43}"$/);
    const verified = await verifyPolicyBundle(first.jws, await verifyOptions());
    expect(verified.revision).toBe(first.revision);
  });

  it("moves to a new revision when a grant is revoked, listing it as revoked; the SDK refuses to go back", async () => {
    const before = await signedBundle(view, await currentRevision());
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "bundle test" } });
    const after = await signedBundle(view, await currentRevision());
    expect(after.revision).toBeGreaterThan(before.revision);
    expect(after.etag).not.toBe(before.etag);
    const bundle = await verifyPolicyBundle(after.jws, await verifyOptions(before.revision));
    expect(bundle.grants.map((grant) => grant.id)).not.toContain(f.grant.id);
    expect(bundle.revoked.grants).toContain(f.grant.id);
    await expect(verifyPolicyBundle(before.jws, await verifyOptions(after.revision))).rejects.toMatchObject({ reason: "rollback" });
  });

  it("lists a revoked access token until it expires, under a new revision", async () => {
    const g = await oauthFixture();
    const gateway = await seedIdentity({ kind: "gateway", owner: g.owner, extra: { serverIds: [g.server.id] } });
    const gView = (await viewOf(gateway.id))!;
    const token = String((await agentToken(g, { scope: g.scope("read_ledger") })).body.access_token);
    const claims = (await verifyAccessToken(token))!;
    const before = await currentRevision();
    await recordTokenRevocation({ claims, by: SYSTEM_ACTOR, reason: "bundle test" });
    const bundle = await compileBundle(gView);
    expect(bundle.revision).toBeGreaterThan(before);
    expect(bundle.revoked.tokens).toEqual([{ jti: decodeJwt(token).jti, expiresAt: new Date(claims.exp * 1000).toISOString() }]);
  });

  it("is built in canonical key order, so its JSON is the canonical JSON that is signed (every section filled)", async () => {
    const g = await oauthFixture();
    const gateway = await seedIdentity({ kind: "gateway", owner: g.owner, extra: { serverIds: [g.server.id] } });
    const gView = (await viewOf(gateway.id))!;
    // a revoked token, a revoked key, a revoked grant and a revoked agent that still has a grant there
    const token = String((await agentToken(g, { scope: g.scope("read_ledger") })).body.access_token);
    await recordTokenRevocation({ claims: (await verifyAccessToken(token))!, by: SYSTEM_ACTOR, reason: "canonical order test" });
    const spare = await testKey();
    const [added] = (await addKeys({ actor: SYSTEM_ACTOR, identityId: g.agent.id, input: { jwk: spare.publicJwk } })).items;
    await revokeKey({ actor: SYSTEM_ACTOR, identityId: g.agent.id, keyId: added!.id, input: { reason: "canonical order test" } });
    const second = await seedIdentity({ kind: "agent", owner: g.owner });
    const secondGrant = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: second.id, serverId: g.server.id, toolIds: [g.tool("read_ledger").id], justification: "canonical order test", expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: g.grant.id, input: { reason: "canonical order test" } });
    await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: second.id, change: "revoke", reason: "canonical order test" });
    const bundle = await compileBundle(gView);
    expect(bundle.revoked.tokens).toHaveLength(1);
    expect(bundle.revoked.keys).toHaveLength(1);
    expect(bundle.revoked.grants).toEqual([g.grant.id]);
    expect(bundle.revoked.identities).toContain(second.id);
    expect(bundle.grants.map((grant) => grant.id)).toContain(secondGrant.id);
    expect(bundle.exchangePolicies.length).toBeGreaterThan(0);
    expect(JSON.stringify(bundle)).toBe(canonicalJson(bundle));
  });

  it("gives no view to identities that are not enforcement points", async () => {
    expect(await viewOf(f.agent.id)).toBeNull();
    expect(await viewOf(f.resource.id)).toBeNull();
    expect(await viewOf("gwy_unknown")).toBeNull();
    expect(await viewOf(f.server.id)).toEqual({ audience: f.server.id, serverIds: [f.server.id] });
  });
});

describe("the enforcement SDK refuses bad bundles", () => {
  it.each([
    ["a changed payload", "signature"],
    ["another typ", "typ"],
    ["an unknown kid", "unknown_kid"],
    ["a key not in Warden's JWKS but with a known kid", "signature"],
    ["another audience", "audience"],
    ["another issuer", "issuer"],
    ["not a JWS", "malformed"],
  ] as const)("refuses %s (%s)", async (name, reason) => {
    const good = await signedBundle(view, await currentRevision());
    const options = await verifyOptions();
    const [header, payload, signature] = good.jws.split(".") as [string, string, string];
    const document = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forger = await generateKeyPair("ES256", { extractable: true });
    const forge = async (content: unknown, protectedHeader: Record<string, unknown>) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(content))).setProtectedHeader({ alg: "ES256", ...protectedHeader }).sign(forger.privateKey);
    const kid = good.kid;
    let jws: string;
    let verify = options;
    switch (name) {
      case "a changed payload":
        jws = `${header}.${Buffer.from(JSON.stringify({ ...document, servers: [] })).toString("base64url")}.${signature}`;
        break;
      case "another typ":
        jws = await forge(document, { kid, typ: "JWT" });
        break;
      case "an unknown kid":
        jws = await forge(document, { kid: `unknown-${crypto.randomUUID()}`, typ: POLICY_BUNDLE_TYP });
        break;
      case "a key not in Warden's JWKS but with a known kid":
        jws = await forge(document, { kid, typ: POLICY_BUNDLE_TYP });
        break;
      case "another audience":
        jws = good.jws;
        verify = { ...options, audience: "gwy_someone_else" };
        break;
      case "another issuer": {
        // signed by a key the verifier trusts, claiming another issuer
        const trusted = { ...(await exportJWK(forger.publicKey)), kid: "forger", alg: "ES256" };
        jws = await forge({ ...document, iss: "https://evil.example.test" }, { kid: "forger", typ: POLICY_BUNDLE_TYP });
        verify = { ...options, jwks: { keys: [...options.jwks.keys, trusted] } };
        break;
      }
      default:
        jws = "not-a-jws";
    }
    const outcome = await verifyPolicyBundle(jws, verify).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(BundleRejected);
    expect((outcome as BundleRejected).reason).toBe(reason);
  });
});
