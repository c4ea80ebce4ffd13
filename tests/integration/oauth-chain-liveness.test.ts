// An exchanged token depends on everything behind it: revoking the agent's
// original token, the grant it was issued under, the exchanging server or the
// exchange policy makes the downstream token inactive in introspection at once.
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { revokeExchangePolicy } from "@/lib/exchange/revoke-exchange-policy";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { CLIENT_ASSERTION_TYPE } from "@/lib/oauth/config";
import { agentToken, clientAssertion, exchangeToken, oauthFixture, postIntrospection, postRevocation, testKey, type OAuthFixture } from "./helpers/oauth";

async function exchanged(f: OAuthFixture) {
  const subject = String((await agentToken(f, { scope: f.scope("read_ledger") })).body.access_token);
  const reply = await exchangeToken(f, subject, "ledger:read");
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const resourceKey = await testKey();
  await addKeys({ actor: SYSTEM_ACTOR, identityId: f.resource.id, input: { jwk: resourceKey.publicJwk } });
  const token = String(reply.body.access_token);
  const introspect = async () => (await postIntrospection({ token, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.resource.id, resourceKey) })).body;
  expect(await introspect()).toMatchObject({ active: true, sub: f.agent.id, act: { sub: f.server.id } });
  return { subject, token, introspect };
}

describe("liveness of exchanged tokens", () => {
  it("carries the ancestry and the original tool scopes", async () => {
    const f = await oauthFixture();
    const { subject, token } = await exchanged(f);
    expect(decodeJwt(token)).toMatchObject({ wdn_chain: [decodeJwt(subject).jti], wdn_origin_scope: f.scope("read_ledger"), scope: "ledger:read" });
  });

  it("goes inactive when the agent's original token is revoked", async () => {
    const f = await oauthFixture();
    const { subject, introspect } = await exchanged(f);
    const revoked = await postRevocation({ token: subject, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.agent.clientId, f.agentKey) });
    expect(revoked.status).toBe(200);
    expect(await introspect()).toEqual({ active: false });
  });

  it("goes inactive when the grant behind the original token is revoked", async () => {
    const f = await oauthFixture();
    const { introspect } = await exchanged(f);
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "access review: no longer needed" } });
    expect(await introspect()).toEqual({ active: false });
  });

  it("goes inactive when the exchanging server is suspended", async () => {
    const f = await oauthFixture();
    const { introspect } = await exchanged(f);
    await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: f.server.id, change: "suspend", reason: "incident 42: key exposure" });
    expect(await introspect()).toEqual({ active: false });
  });

  it("goes inactive when the exchange policy is revoked", async () => {
    const f = await oauthFixture();
    const { introspect } = await exchanged(f);
    const { db } = await import("@/lib/db/client");
    const policy = await db().exchangePolicy.findFirstOrThrow({ where: { serverId: f.server.id, resourceId: f.resource.id } });
    await revokeExchangePolicy({ actor: SYSTEM_ACTOR, policyId: policy.id, input: { reason: "resource retired from this server" } });
    expect(await introspect()).toEqual({ active: false });
  });
});
