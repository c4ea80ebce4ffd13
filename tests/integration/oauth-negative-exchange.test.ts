// Negative protocol tests of the token service, part 3 of 3: token exchange
// (RFC 8693) by MCP servers, introspection (RFC 7662) and revocation
// (RFC 7009). The case count is at the top of oauth-negative-client-auth.test.ts.
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { CLIENT_ASSERTION_TYPE } from "@/lib/oauth/config";
import { clientAssertion, oauthFixture, postIntrospection, postRevocation, testKey, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { dpopHeader, exchangeParams, expectIssued, expectRefusal, issuedAgentToken, keyedIdentity, policy, sendToken, type Params, type Refusal } from "./helpers/oauth-negative";

let f: OAuthFixture;
/** the agent's DPoP-bound token for f.server with read_ledger only */
let subject: string;
beforeAll(async () => {
  f = await oauthFixture();
  subject = await issuedAgentToken(f, f.scope("read_ledger"));
});

type Exchanger = { server: { id: string }; key: TestKey; proofKey?: TestKey | null };
/** f.server exchanges `subject` for a token to f.resource, unless `changes` or `as` say otherwise. */
async function exchange(changes: Params = {}, as: Partial<Exchanger> = {}) {
  const server = as.server ?? f.server;
  const key = as.key ?? f.serverKey;
  const proofKey = as.proofKey === undefined ? key : as.proofKey;
  const params = await exchangeParams(server, key, subject, f.resource.resourceUri!, changes);
  return sendToken(params, proofKey ? await dpopHeader(proofKey) : {});
}

describe("token endpoint: token exchange", () => {
  const invalid = (error: string, description: string): Refusal => ({ status: 400, error, description });
  const cases: [string, () => ReturnType<typeof exchange>, Refusal][] = [
    ["a garbage subject token", () => exchange({ subject_token: "garbage" }), invalid("invalid_grant", "subject_token is not a valid, unexpired access token issued by Warden")],
    [
      "a subject token issued for another server",
      async () => {
        const { identity, key } = await keyedIdentity(f, "server");
        return exchange({}, { server: identity, key });
      },
      invalid("invalid_grant", "subject_token was issued for another audience, not this server"),
    ],
    [
      "a resource no exchange policy allows",
      async () => exchange({ resource: (await keyedIdentity(f, "resource")).identity.resourceUri! }),
      invalid("invalid_target", "No exchange policy allows this server to exchange tokens for this resource"),
    ],
    ["a scope outside the exchange policy", () => exchange({ scope: f.scope("post_entry") }), invalid("invalid_scope", "is not allowed by the exchange policy for this resource")],
    [
      "a tool scope the subject token lacks (escalation), although the policy allows it",
      async () => {
        const { identity } = await keyedIdentity(f, "resource");
        await policy(f.server.id, identity.id, ["ledger:read", f.scope("post_entry")]);
        return exchange({ resource: identity.resourceUri!, scope: `ledger:read ${f.scope("post_entry")}` });
      },
      invalid("invalid_scope", "the subject token does not hold this tool scope, and an exchange cannot add it"),
    ],
    ["a DPoP-bound subject token without a DPoP proof", () => exchange({}, { proofKey: null }), invalid("invalid_dpop_proof", "The subject token is DPoP-bound: present a DPoP proof made with the server's own key")],
    ["a DPoP proof made with a key that is not the server's", async () => exchange({}, { proofKey: await testKey() }), invalid("invalid_dpop_proof", "The DPoP proof must be made with one of the server's own registered keys")],
    ["the agent's DPoP key instead of the server's", () => exchange({}, { proofKey: f.dpopKey }), invalid("invalid_dpop_proof", "The DPoP proof must be made with one of the server's own registered keys")],
    ["no subject_token_type", () => exchange({ subject_token_type: undefined }), invalid("invalid_request", "subject_token_type must be urn:ietf:params:oauth:token-type:access_token")],
    ["an actor_token", () => exchange({ actor_token: subject, actor_token_type: "urn:ietf:params:oauth:token-type:access_token" }), invalid("invalid_request", "actor_token is not used: the authenticated server is the actor")],
  ];
  it.each(cases)("refuses %s", async (_name, send, expected) => {
    await expectRefusal(await send(), expected);
  });

  it("refuses a subject token its agent revoked", async () => {
    const revokedSubject = await issuedAgentToken(f, f.scope("read_ledger"));
    const revoked = await postRevocation({ token: revokedSubject, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.agent.clientId, f.agentKey) });
    expect(revoked.status).toBe(200);
    const params = await exchangeParams(f.server, f.serverKey, revokedSubject, f.resource.resourceUri!);
    await expectRefusal(await sendToken(params, await dpopHeader(f.serverKey)), invalid("invalid_grant", "subject_token is no longer active: the token was revoked"));
  });

  it("refuses a delegation chain deeper than the policy's maxDepth", async () => {
    // server A (f.server) → server B with maxDepth 1: the first hop is depth 1 and allowed
    const b = await keyedIdentity(f, "server");
    await policy(f.server.id, b.identity.id, ["ledger:read"], 1);
    const hop = expectIssued(await exchange({ resource: b.identity.resourceUri! }));
    expect(decodeJwt(hop)).toMatchObject({ sub: f.agent.id, aud: b.identity.resourceUri, act: { sub: f.server.id } });
    // B → f.resource with maxDepth 1: exchanging the hop would make the chain 2 deep
    await policy(b.identity.id, f.resource.id, ["ledger:read"], 1);
    const params = await exchangeParams(b.identity, b.key, hop, f.resource.resourceUri!);
    await expectRefusal(await sendToken(params, await dpopHeader(b.key)), invalid("invalid_request", "The delegation chain would be 2 hops deep; the exchange policy allows at most 1"));
  });
});

describe("introspection and revocation", () => {
  const asServer = async () => ({ client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.server.id, f.serverKey) });
  const asAgent = async () => ({ client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.agent.clientId, f.agentKey) });

  it("refuses introspection by an agent", async () => {
    await expectRefusal(await postIntrospection({ token: subject, ...(await asAgent()) }), { status: 400, error: "unauthorized_client", description: "Agents cannot introspect tokens" });
  });

  it("answers inactive to a server introspecting a token for another audience", async () => {
    const { identity, key } = await keyedIdentity(f, "server");
    const reply = await postIntrospection({ token: subject, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(identity.id, key) });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("cache-control")).toBe("no-store");
    expect(reply.body).toEqual({ active: false });
    // the token's own audience still sees it active
    expect((await postIntrospection({ token: subject, ...(await asServer()) })).body).toMatchObject({ active: true });
  });

  it("refuses revocation of a token by a client it was not issued to", async () => {
    await expectRefusal(await postRevocation({ token: subject, ...(await asServer()) }), { status: 400, error: "unauthorized_client", description: "This token was not issued to this client" });
    expect(await db().revokedToken.count({ where: { jti: String(decodeJwt(subject).jti) } })).toBe(0);
  });

  it("answers 200 to the revocation of a garbage token", async () => {
    const reply = await postRevocation({ token: "garbage", ...(await asAgent()) });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("cache-control")).toBe("no-store");
    expect(reply.body).toEqual({});
  });
});
