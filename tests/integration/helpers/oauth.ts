// A token-service fixture: an agent and an MCP server with registered ES256
// keys, the server's approved tools, a grant, a downstream resource with an
// exchange policy, and builders for client assertions and DPoP proofs — all
// real keys and real signatures. Handlers are called with Web Requests.
import crypto from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type KeyObject } from "jose";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createProposal } from "@/lib/catalog/create-proposal";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { reviewTools } from "@/lib/catalog/review-tools";
import { publicUrl } from "@/lib/config/env";
import { createExchangePolicy } from "@/lib/exchange/create-exchange-policy";
import { createGrant } from "@/lib/grants/create-grant";
import { addKeys } from "@/lib/identities/keys/add-keys";
import type { TIdentity } from "@/lib/identities/schemas";
import { ACCESS_TOKEN_TYPE, CLIENT_ASSERTION_TYPE, TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";
import { handleIntrospection } from "@/lib/oauth/introspection-endpoint";
import { handleRevocation } from "@/lib/oauth/revocation-endpoint";
import { handleTokenRequest } from "@/lib/oauth/token-endpoint";
import { webHandler } from "@/lib/oauth/web";
import { seedIdentity, seedUser } from "@/lib/seed/factories";

type KeyLike = CryptoKey | KeyObject;
export type TestKey = { privateKey: KeyLike; publicJwk: JWK; kid: string; alg: string };

export async function testKey(alg: "ES256" | "EdDSA" | "PS256" = "ES256"): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === "EdDSA" ? { crv: "Ed25519" } : {}) });
  const publicJwk = { ...(await exportJWK(publicKey)), ...(alg === "PS256" ? { alg: "PS256" } : {}) };
  return { privateKey, publicJwk, kid: await calculateJwkThumbprint(publicJwk), alg };
}

export const tokenEndpoint = () => `${publicUrl()}/oauth/token`;
export const issuer = () => publicUrl();

export async function clientAssertion(clientId: string, key: TestKey, overrides: { header?: Record<string, unknown>; claims?: Record<string, unknown>; omit?: string[] } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { iss: clientId, sub: clientId, aud: issuer(), iat: now, exp: now + 60, jti: crypto.randomUUID(), ...overrides.claims };
  for (const name of overrides.omit ?? []) delete claims[name];
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, ...overrides.header }).sign(key.privateKey);
}

export async function dpopProof(key: TestKey, overrides: { header?: Record<string, unknown>; claims?: Record<string, unknown>; nonce?: string | null } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { htm: "POST", htu: tokenEndpoint(), iat: now, jti: crypto.randomUUID(), ...(overrides.nonce ? { nonce: overrides.nonce } : {}), ...overrides.claims };
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, typ: "dpop+jwt", jwk: key.publicJwk, ...overrides.header }).sign(key.privateKey);
}

const token = webHandler(handleTokenRequest);
const introspect = webHandler(handleIntrospection);
const revoke = webHandler(handleRevocation);

async function post(handler: (request: Request) => Promise<Response>, path: string, params: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  const response = await handler(new Request(`${publicUrl()}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

export const postToken = (params: Record<string, string | string[]>, headers?: Record<string, string>) => post(token, "/oauth/token", params, headers);
export const postIntrospection = (params: Record<string, string | string[]>) => post(introspect, "/oauth/introspect", params);
export const postRevocation = (params: Record<string, string | string[]>) => post(revoke, "/oauth/revoke", params);

export type OAuthFixture = Awaited<ReturnType<typeof oauthFixture>>;

export async function oauthFixture(options: { dpopRequired?: boolean; environment?: "staging" | "development" } = {}) {
  const owner = await seedUser({ role: "owner" });
  const agentKey = await testKey();
  const serverKey = await testKey();
  const dpopKey = await testKey();
  const agent = await seedIdentity({ kind: "agent", owner, extra: { dpopRequired: options.dpopRequired ?? true } });
  const server = await seedIdentity({ kind: "server", owner });
  const resource = await seedIdentity({ kind: "resource", owner });
  for (const [identity, key] of [[agent, agentKey], [server, serverKey]] as const) {
    await addKeys({ actor: SYSTEM_ACTOR, identityId: identity.id, input: { jwk: key.publicJwk } });
  }
  const proposal = await createProposal({
    actor: SYSTEM_ACTOR,
    serverId: server.id,
    input: {
      source: "manual",
      tools: [
        { name: "read_ledger", annotations: { readOnlyHint: true } },
        { name: "post_entry", annotations: { destructiveHint: false } },
        { name: "wire_money", annotations: { destructiveHint: true } },
        { name: "unapproved_tool", annotations: { readOnlyHint: true } },
      ],
    },
  });
  await applyProposal({ actor: SYSTEM_ACTOR, serverId: server.id, proposalId: proposal.id });
  const { prisma } = { prisma: (await import("@/lib/db/client")).db() };
  const tools = await prisma.tool.findMany({ where: { serverId: server.id } });
  const tool = (name: string) => tools.find((item) => item.name === name)!;
  await reviewTools({
    actor: SYSTEM_ACTOR,
    serverId: server.id,
    input: { decisions: [{ toolId: tool("read_ledger").id, tier: "read" }, { toolId: tool("post_entry").id, tier: "write" }, { toolId: tool("wire_money").id, tier: "irreversible" }] },
  });
  const grant = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: server.id, toolIds: [tool("read_ledger").id, tool("post_entry").id], justification: "token service tests" } });
  await createExchangePolicy({ actor: SYSTEM_ACTOR, input: { serverId: server.id, resourceId: resource.id, scopes: ["ledger:read", "ledger:write", `mcp:${server.slug}:read_ledger`], maxDepth: 4 } });
  const scope = (name: string) => `mcp:${server.slug}:${name}`;
  return { owner, agent: agent as TIdentity & { clientId: string }, server, resource, agentKey, serverKey, dpopKey, tools, tool, grant, scope };
}

/** A nonce the token endpoint will accept (it answers use_dpop_nonce with one). */
export async function currentNonce(fixture: OAuthFixture): Promise<string> {
  const response = await postToken(
    { grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(fixture.agent.clientId, fixture.agentKey), resource: fixture.server.resourceUri! },
    { dpop: await dpopProof(fixture.dpopKey) },
  );
  const nonce = response.headers.get("dpop-nonce");
  if (response.body.error !== "use_dpop_nonce" || !nonce) throw new Error(`expected use_dpop_nonce, got ${JSON.stringify(response.body)}`);
  return nonce;
}

/** A DPoP-bound agent token for the fixture's server. */
export async function agentToken(fixture: OAuthFixture, params: Record<string, string> = {}) {
  const nonce = await currentNonce(fixture);
  return postToken(
    { grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(fixture.agent.clientId, fixture.agentKey), resource: fixture.server.resourceUri!, ...params },
    { dpop: await dpopProof(fixture.dpopKey, { nonce }) },
  );
}

/** The fixture's server exchanges `subjectToken` (RFC 8693) for a token for its downstream resource, with a DPoP proof of its own key. */
export async function exchangeToken(fixture: OAuthFixture, subjectToken: string, scope: string) {
  const nonce = await currentNonce(fixture);
  return postToken(
    {
      grant_type: TOKEN_EXCHANGE_GRANT,
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await clientAssertion(fixture.server.id, fixture.serverKey),
      subject_token: subjectToken,
      subject_token_type: ACCESS_TOKEN_TYPE,
      resource: fixture.resource.resourceUri!,
      scope,
    },
    { dpop: await dpopProof(fixture.serverKey, { nonce }) },
  );
}

/** A gateway fronting the fixture's server, with a registered ES256 key (what the SDK signs its policy-endpoint JWTs with). */
export async function keyedGateway(f: OAuthFixture): Promise<{ id: string; key: TestKey }> {
  const key = await testKey();
  const gateway = await seedIdentity({ kind: "gateway", owner: f.owner, extra: { serverIds: [f.server.id] } });
  await addKeys({ actor: SYSTEM_ACTOR, identityId: gateway.id, input: { jwk: key.publicJwk } });
  return { id: gateway.id, key };
}
