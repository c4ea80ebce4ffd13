// Negative protocol tests of the token service, part 1 of 3: private_key_jwt
// client authentication and the shape of the token request.
//
// Count (all three oauth-negative-*.test.ts files): 72 distinct negative cases,
// each its own `it` (it.each rows included), run on SQLite and on PostgreSQL:
//   this file  — client assertion 25, grant type / request shape 8      = 33
//   dpop-scope — DPoP 13, resource and scope 10                         = 23
//   exchange   — token exchange 12, introspection and revocation 4      = 16
// 70 of them are refusals asserting the exact status, the exact OAuth `error`,
// Cache-Control no-store, a description substring and that no token was issued
// (no access_token; at the token endpoint also exactly one refusal audit event
// and no token.issued / token.exchanged event for that request's x-request-id).
// The other 2 are the answers RFC 7662 and RFC 7009 prescribe without an error
// (introspection of another audience's token → {active:false}; revocation of
// garbage → 200). Plus 2 documented positive cases: in dpop-scope a DPoP htu with
// a query string is accepted (RFC 9449 §4.3 compares htu without query/fragment);
// here the token endpoint URL as assertion aud, when the setting allows it.
import crypto from "node:crypto";
import { SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { retireKey } from "@/lib/identities/keys/retire-key";
import { revokeKey } from "@/lib/identities/keys/revoke-key";
import { ACCESS_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";
import { clientAssertion, issuer, oauthFixture, testKey, tokenEndpoint, type OAuthFixture } from "./helpers/oauth";
import { agentParams, dpopHeader, expectIssued, expectRefusal, handMadeJwt, issuedAgentToken, keyedIdentity, rawToken, sendToken, type Params, type Refusal } from "./helpers/oauth-negative";

const now = () => Math.floor(Date.now() / 1000);
const refusedClient = (description: string | RegExp): Refusal => ({ status: 401, error: "invalid_client", description });
const otherClientId = () => `cli_${"0".repeat(20)}${crypto.randomBytes(3).toString("hex")}`;

let f: OAuthFixture;
beforeAll(async () => {
  f = await oauthFixture();
});

/** The agent's request with this client assertion (and a valid DPoP proof). */
const withAssertion = async (assertion: string | Promise<string>, changes: Params = {}) => sendToken(await agentParams(f, { client_assertion: await assertion, ...changes }), await dpopHeader(f.dpopKey));
const agentAssertion = (overrides: Parameters<typeof clientAssertion>[2]) => clientAssertion(f.agent.clientId, f.agentKey, overrides);

describe("token endpoint: client authentication (private_key_jwt)", () => {
  const cases: [string, () => Promise<Awaited<ReturnType<typeof sendToken>>>, Refusal][] = [
    ["an assertion for another audience", () => withAssertion(agentAssertion({ claims: { aud: "https://elsewhere.example.test" } })), refusedClient("aud must be Warden's issuer identifier")],
    ["iss different from sub", () => withAssertion(agentAssertion({ claims: { sub: otherClientId() } })), refusedClient("sub must equal its iss")],
    ["an unknown client", () => withAssertion(clientAssertion(otherClientId(), f.agentKey)), refusedClient("Unknown client")],
    ["an expired assertion", () => withAssertion(agentAssertion({ claims: { iat: now() - 120, exp: now() - 60 } })), refusedClient("The client assertion has expired")],
    ["exp more than 300 s after iat", () => withAssertion(agentAssertion({ claims: { iat: now(), exp: now() + 301 } })), refusedClient("exp is more than 300 s after its iat")],
    ["iat 120 s in the future (beyond the 10 s skew)", () => withAssertion(agentAssertion({ claims: { iat: now() + 120, exp: now() + 180 } })), refusedClient("iat is in the future")],
    ["nbf in the future", () => withAssertion(agentAssertion({ claims: { nbf: now() + 120 } })), refusedClient("nbf is in the future")],
    ["no jti", () => withAssertion(agentAssertion({ omit: ["jti"] })), refusedClient("needs a jti")],
    [
      "alg none (an unsigned JWT made by hand)",
      () => withAssertion(handMadeJwt({ alg: "none", kid: f.agentKey.kid }, { iss: f.agent.clientId, sub: f.agent.clientId, aud: issuer(), iat: now(), exp: now() + 60, jti: crypto.randomUUID() })),
      refusedClient("alg none is not accepted"),
    ],
    [
      "HS256 with the registered public key as the HMAC secret (algorithm confusion)",
      async () => {
        const pem = crypto.createPublicKey({ key: f.agentKey.publicJwk as crypto.JsonWebKey, format: "jwk" }).export({ type: "spki", format: "pem" });
        const claims = { iss: f.agent.clientId, sub: f.agent.clientId, aud: issuer(), iat: now(), exp: now() + 60, jti: crypto.randomUUID() };
        return withAssertion(new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: f.agentKey.kid }).sign(new Uint8Array(Buffer.from(pem))));
      },
      refusedClient("alg HS256 is not accepted"),
    ],
    ["signed by another key under the registered key's kid", async () => withAssertion(clientAssertion(f.agent.clientId, { ...(await testKey()), kid: f.agentKey.kid })), refusedClient("signature does not verify with any active key")],
    ["a kid the client does not have", () => withAssertion(agentAssertion({ header: { kid: "no-such-kid" } })), refusedClient("The client has no active key with kid no-such-kid")],
    ["no client_assertion_type", () => withAssertion(agentAssertion({}), { client_assertion_type: undefined }), refusedClient("send client_assertion_type and client_assertion")],
    ["no client_assertion", async () => sendToken(await agentParams(f, { client_assertion: undefined }), await dpopHeader(f.dpopKey)), refusedClient("send client_assertion_type and client_assertion")],
    ["a wrong client_assertion_type", () => withAssertion(agentAssertion({}), { client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:saml2-bearer" }), refusedClient("client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer")],
    ["a client_secret", () => withAssertion(agentAssertion({}), { client_secret: "s3cret" }), refusedClient("does not accept client secrets")],
    ["client_id different from the assertion's iss", () => withAssertion(agentAssertion({}), { client_id: otherClientId() }), refusedClient("client_id does not match the client assertion's iss")],
    ["an assertion that is not a JWT", () => withAssertion("not-a-jwt"), refusedClient("The client assertion is not a JWT")],
  ];
  it.each(cases)("refuses %s", async (_name, send, expected) => {
    await expectRefusal(await send(), expected);
  });

  it("refuses HTTP Basic client authentication", async () => {
    const basic = `Basic ${Buffer.from(`${f.agent.clientId}:s3cret`).toString("base64")}`;
    await expectRefusal(await sendToken(await agentParams(f), { ...(await dpopHeader(f.dpopKey)), authorization: basic }), {
      ...refusedClient("does not accept client secrets"),
      challenge: `Basic realm="${issuer()}", error="invalid_client"`,
    });
  });

  it.each(["revoked", "suspended", "pending"] as const)("refuses a %s client", async (status) => {
    const { identity, key } = await keyedIdentity(f, "agent", status);
    await expectRefusal(await withAssertion(clientAssertion(identity.clientId!, key)), refusedClient(`The client is ${status}`));
  });

  it("refuses an assertion signed by a revoked key", async () => {
    const key = await testKey();
    const [added] = (await addKeys({ actor: SYSTEM_ACTOR, identityId: f.agent.id, input: { jwk: key.publicJwk } })).items;
    expectIssued(await withAssertion(clientAssertion(f.agent.clientId, key)));
    await revokeKey({ actor: SYSTEM_ACTOR, identityId: f.agent.id, keyId: added!.id, input: { reason: "compromised in a test" } });
    await expectRefusal(await withAssertion(clientAssertion(f.agent.clientId, key)), refusedClient(`The client has no active key with kid ${key.kid}`));
  });

  it("refuses an assertion signed by a key that was retiring and then revoked (its overlap window does not outlive the revocation)", async () => {
    const key = await testKey();
    const [added] = (await addKeys({ actor: SYSTEM_ACTOR, identityId: f.agent.id, input: { jwk: key.publicJwk } })).items;
    await retireKey({ actor: SYSTEM_ACTOR, identityId: f.agent.id, keyId: added!.id, input: { overlapDays: 7 } });
    expectIssued(await withAssertion(clientAssertion(f.agent.clientId, key)));
    await revokeKey({ actor: SYSTEM_ACTOR, identityId: f.agent.id, keyId: added!.id, input: { reason: "compromised while retiring" } });
    await expectRefusal(await withAssertion(clientAssertion(f.agent.clientId, key)), refusedClient(`The client has no active key with kid ${key.kid}`));
  });

  it("refuses a replayed assertion jti (second use) and issues nothing for it", async () => {
    const assertion = await agentAssertion({});
    expectIssued(await withAssertion(assertion));
    const issued = () => db().auditEvent.count({ where: { action: "token.issued", actorId: f.agent.id } });
    const before = await issued();
    await expectRefusal(await withAssertion(assertion), refusedClient("The client assertion was already used"));
    expect(await issued()).toBe(before);
  });
});

describe("token endpoint: the token endpoint URL as assertion audience", () => {
  const withEndpointAudience = () => withAssertion(agentAssertion({ claims: { aud: tokenEndpoint() } }));
  const setting = "WARDEN_ASSERTION_AUD_TOKEN_ENDPOINT";
  afterEach(() => {
    delete process.env[setting];
    resetEnvCache();
  });

  it("is refused by default (aud must be the issuer identifier)", async () => {
    await expectRefusal(await withEndpointAudience(), refusedClient(`aud must be Warden's issuer identifier ${issuer()}`));
  });

  it("is accepted when WARDEN_ASSERTION_AUD_TOKEN_ENDPOINT=true, and other audiences still are not", async () => {
    process.env[setting] = "true";
    resetEnvCache();
    expectIssued(await withEndpointAudience());
    await expectRefusal(await withAssertion(agentAssertion({ claims: { aud: "https://elsewhere.example.test" } })), refusedClient(`or its token endpoint ${tokenEndpoint()}`));
  });
});

describe("token endpoint: grant types and request shape", () => {
  const invalidRequest = (description: string): Refusal => ({ status: 400, error: "invalid_request", description });
  const unsupported: Refusal = { status: 400, error: "unsupported_grant_type", description: "Warden supports client_credentials and urn:ietf:params:oauth:grant-type:token-exchange" };
  const cases: [string, () => Promise<Awaited<ReturnType<typeof sendToken>>>, Refusal][] = [
    ["no grant_type", async () => sendToken(await agentParams(f, { grant_type: undefined }), await dpopHeader(f.dpopKey)), invalidRequest("grant_type is required")],
    ["grant_type password", async () => sendToken(await agentParams(f, { grant_type: "password", username: "u", password: "p" }), await dpopHeader(f.dpopKey)), unsupported],
    ["grant_type authorization_code", async () => sendToken(await agentParams(f, { grant_type: "authorization_code", code: "abc", redirect_uri: "https://app.example.test/cb" }), await dpopHeader(f.dpopKey)), unsupported],
    ["a repeated parameter (scope twice)", async () => sendToken(await agentParams(f, { scope: [f.scope("read_ledger"), f.scope("post_entry")] }), await dpopHeader(f.dpopKey)), invalidRequest("Parameters must not repeat: scope")],
    [
      "a JSON body",
      async () => rawToken({ method: "POST", headers: { "content-type": "application/json", ...(await dpopHeader(f.dpopKey)) }, body: JSON.stringify(await agentParams(f)) }),
      invalidRequest("The request body must be application/x-www-form-urlencoded"),
    ],
    ["GET", async () => rawToken({ method: "GET", headers: await dpopHeader(f.dpopKey) }), invalidRequest("Use POST")],
    [
      "client_credentials by an MCP server",
      async () => sendToken(await agentParams(f, { client_assertion: await clientAssertion(f.server.id, f.serverKey) }), await dpopHeader(f.serverKey)),
      { status: 400, error: "unauthorized_client", description: "Only agents use client_credentials" },
    ],
    [
      "token exchange by an agent",
      async () => {
        const subject = await issuedAgentToken(f, f.scope("read_ledger"));
        const params = await agentParams(f, { grant_type: TOKEN_EXCHANGE_GRANT, subject_token: subject, subject_token_type: ACCESS_TOKEN_TYPE, resource: f.resource.resourceUri! });
        return sendToken(params, await dpopHeader(f.dpopKey));
      },
      { status: 400, error: "unauthorized_client", description: "Only MCP servers exchange tokens" },
    ],
  ];
  it.each(cases)("refuses %s", async (_name, send, expected) => {
    await expectRefusal(await send(), expected);
  });
});
