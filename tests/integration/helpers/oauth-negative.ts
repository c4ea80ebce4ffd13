// Helpers for the token service's negative tests: request builders on top of
// the oauth fixture, every token request tagged with its own x-request-id, and
// one assertion for a refusal — exact status and error code, no-store, a
// helpful description, no token in the body, and (for the token endpoint) in
// the audit log exactly one refusal event and no issuance event for that
// request. The request id makes the audit check per request, so it holds while
// other test files write to the same database.
import crypto from "node:crypto";
import { expect } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { publicUrl } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { createExchangePolicy } from "@/lib/exchange/create-exchange-policy";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { ACCESS_TOKEN_TYPE, CLIENT_ASSERTION_TYPE, TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";
import { currentDpopNonce, isValidDpopNonce } from "@/lib/oauth/dpop";
import { handleTokenRequest } from "@/lib/oauth/token-endpoint";
import { webHandler } from "@/lib/oauth/web";
import { seedIdentity } from "@/lib/seed/factories";
import { clientAssertion, dpopProof, postToken, testKey, type OAuthFixture, type TestKey } from "./oauth";

export type Params = Record<string, string | string[] | undefined>;
export type Reply = { status: number; headers: Headers; body: Record<string, unknown>; requestId?: string; exchange?: boolean };

const ISSUANCE = ["token.issued", "token.exchanged"];
const tokenHandler = webHandler(handleTokenRequest);

/** Drops the parameters set to undefined. */
function formOf(params: Params): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined));
}

/** POST /oauth/token with a fresh x-request-id, remembered on the reply for the audit check. */
export async function sendToken(params: Params, headers: Record<string, string> = {}): Promise<Reply> {
  const requestId = `neg-${crypto.randomUUID()}`;
  const reply = await postToken(formOf(params), { "x-request-id": requestId, ...headers });
  return { ...reply, requestId, exchange: params.grant_type === TOKEN_EXCHANGE_GRANT };
}

/** Any request to the token handler (method, content type and body as given). */
export async function rawToken(init: { method: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  const requestId = `neg-${crypto.randomUUID()}`;
  const response = await tokenHandler(new Request(`${publicUrl()}/oauth/token`, { method: init.method, headers: { "x-request-id": requestId, ...init.headers }, body: init.body }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown>, requestId, exchange: false };
}

/** A DPoP proof with the current server nonce (Warden's nonces are stateless, so no round trip is needed). */
export const proofWith = (key: TestKey, overrides: Parameters<typeof dpopProof>[1] = {}) => dpopProof(key, { nonce: currentDpopNonce(), ...overrides });
export const dpopHeader = async (key: TestKey, overrides: Parameters<typeof dpopProof>[1] = {}) => ({ dpop: await proofWith(key, overrides) });

/** A client_credentials request by the fixture's agent; `changes` replaces or (undefined) drops parameters. */
export async function agentParams(f: OAuthFixture, changes: Params = {}): Promise<Params> {
  return { grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.agent.clientId, f.agentKey), resource: f.server.resourceUri!, ...changes };
}

/** A token exchange request by `server` for `subject`; `changes` replaces or (undefined) drops parameters. */
export async function exchangeParams(server: { id: string }, key: TestKey, subject: string, resource: string, changes: Params = {}): Promise<Params> {
  return {
    grant_type: TOKEN_EXCHANGE_GRANT,
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: await clientAssertion(server.id, key),
    subject_token: subject,
    subject_token_type: ACCESS_TOKEN_TYPE,
    resource,
    ...changes,
  };
}

/** The fixture agent's DPoP-bound token (all its granted scopes unless `scope` is given). */
export async function issuedAgentToken(f: OAuthFixture, scope?: string): Promise<string> {
  const reply = await sendToken(await agentParams(f, { scope }), await dpopHeader(f.dpopKey));
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return String(reply.body.access_token);
}

/** An identity of `kind` with a registered ES256 key, owned by the fixture's owner. */
export async function keyedIdentity(f: OAuthFixture, kind: "server" | "agent" | "resource", status: "active" | "pending" | "suspended" | "revoked" = "active") {
  const key = await testKey();
  const identity = await seedIdentity({ kind, owner: f.owner, status: status === "pending" ? "pending" : "active" });
  await addKeys({ actor: SYSTEM_ACTOR, identityId: identity.id, input: { jwk: key.publicJwk } });
  if (status === "suspended" || status === "revoked") {
    await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: identity.id, change: status === "suspended" ? "suspend" : "revoke", reason: "negative test" });
  }
  return { identity: identity as typeof identity & { clientId: string | null; resourceUri: string | null }, key };
}

export const policy = (serverId: string, resourceId: string, scopes: string[], maxDepth = 4) => createExchangePolicy({ actor: SYSTEM_ACTOR, input: { serverId, resourceId, scopes, maxDepth } });

/** A JWT with the given header and payload and no valid signature ("" for alg none). */
export function handMadeJwt(header: Record<string, unknown>, payload: Record<string, unknown>, signature = ""): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part(header)}.${part(payload)}.${signature}`;
}

export type Refusal = { status: number; error: string; description: string | RegExp; challenge?: string };

/**
 * Asserts an OAuth refusal: exact status and error code, Cache-Control no-store,
 * the description, no token; for the token endpoint also the audit log of
 * this request: its refusal event (with this error code) and no issuance.
 */
export async function expectRefusal(reply: Reply, expected: Refusal): Promise<void> {
  const shown = JSON.stringify(reply.body);
  expect(reply.status, shown).toBe(expected.status);
  expect(reply.body.error, shown).toBe(expected.error);
  expect(reply.headers.get("cache-control")).toBe("no-store");
  expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
  if (typeof expected.description === "string") expect(String(reply.body.error_description)).toContain(expected.description);
  else expect(String(reply.body.error_description)).toMatch(expected.description);
  expect(reply.body).not.toHaveProperty("access_token");
  // RFC 6749 §5.2: a challenge only for clients that tried the Authorization header
  if (expected.error === "invalid_client") expect(reply.headers.get("www-authenticate")).toBe(expected.challenge ?? null);
  // a valid nonce (not compared with currentDpopNonce(): a five-minute bucket may have turned since the answer)
  if (expected.error === "use_dpop_nonce") expect(isValidDpopNonce(reply.headers.get("dpop-nonce"))).toBe(true);
  if (!reply.requestId) return;
  const events = await db().auditEvent.findMany({ where: { requestId: reply.requestId }, select: { action: true, outcome: true, details: true } });
  expect(events.filter((event) => ISSUANCE.includes(event.action))).toEqual([]);
  const refusal = reply.exchange ? "token.exchange_refused" : "token.refused";
  expect(events.map((event) => ({ action: event.action, outcome: event.outcome, error: (event.details as { error?: string }).error }))).toEqual([{ action: refusal, outcome: "denied", error: expected.error }]);
}

/** Asserts a success and returns the issued token. */
export function expectIssued(reply: Reply): string {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(typeof reply.body.access_token).toBe("string");
  return String(reply.body.access_token);
}
