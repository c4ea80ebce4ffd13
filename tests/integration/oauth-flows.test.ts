// The token service's main flows end to end through the real handlers:
// client_credentials with private_key_jwt and DPoP, token exchange keeping the
// agent in the act chain, introspection and revocation.
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { CLIENT_ASSERTION_TYPE } from "@/lib/oauth/config";
import { agentToken, clientAssertion, exchangeToken, oauthFixture, postIntrospection, postRevocation } from "./helpers/oauth";

describe("token service flows", () => {
  it("issues a DPoP-bound, per-tool-scoped RFC 9068 token and audits it", async () => {
    const f = await oauthFixture();
    const response = await agentToken(f, { scope: f.scope("read_ledger") });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.body).toMatchObject({ token_type: "DPoP", expires_in: 300, scope: f.scope("read_ledger") });
    const token = String(response.body.access_token);
    const header = decodeProtectedHeader(token);
    expect(header.typ).toBe("at+jwt");
    // ES256 by default; signing-keys.test.ts rotates the shared database's key to EdDSA meanwhile
    expect(["ES256", "EdDSA"]).toContain(header.alg);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: f.agent.id, client_id: f.agent.clientId, aud: f.server.resourceUri, scope: f.scope("read_ledger"), cnf: { jkt: f.dpopKey.kid } });
    expect(claims.exp! - claims.iat!).toBe(300);
    // the policy revision this instance had seen: the fixture's grant moved it past 0, and it is never ahead of the database
    const { revision } = await db().policyState.findUniqueOrThrow({ where: { id: 1 } });
    expect(claims.wdn_rev).toEqual(expect.any(Number));
    expect(claims.wdn_rev).toBeGreaterThan(0);
    expect(BigInt(claims.wdn_rev as number) <= revision).toBe(true);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "token.issued", targetId: f.server.id } });
    expect(event.details).toMatchObject({ agentId: f.agent.id, serverId: f.server.id, scopes: [f.scope("read_ledger")], jti: claims.jti, tokenType: "DPoP" });
    // omitted scope: everything granted on that server
    const all = await agentToken(f);
    expect(all.body.scope).toBe([f.scope("post_entry"), f.scope("read_ledger")].join(" "));
  });

  it("exchanges the agent's token for a downstream token that keeps the agent and nests the server in act", async () => {
    const f = await oauthFixture();
    const subject = String((await agentToken(f, { scope: f.scope("read_ledger") })).body.access_token);
    const exchanged = await exchangeToken(f, subject, `ledger:read ${f.scope("read_ledger")}`);
    expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(200);
    const claims = decodeJwt(String(exchanged.body.access_token));
    expect(claims).toMatchObject({ sub: f.agent.id, aud: f.resource.resourceUri, act: { sub: f.server.id }, wdn_parent_jti: decodeJwt(subject).jti, cnf: { jkt: f.serverKey.kid } });
    expect(claims.exp! <= decodeJwt(subject).exp!).toBe(true);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "token.exchanged", targetId: f.resource.id } });
    expect(event.details).toMatchObject({ agentId: f.agent.id, serverId: f.server.id, resourceId: f.resource.id, parentJti: decodeJwt(subject).jti, depth: 1 });
  });

  it("introspects for the token's audience, keeps cnf and act, and reports revoked tokens inactive", async () => {
    const f = await oauthFixture();
    const token = String((await agentToken(f, { scope: f.scope("read_ledger") })).body.access_token);
    const asServer = async () => postIntrospection({ token, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.server.id, f.serverKey) });
    const active = await asServer();
    expect(active.body).toMatchObject({ active: true, sub: f.agent.id, aud: f.server.resourceUri, scope: f.scope("read_ledger"), cnf: { jkt: f.dpopKey.kid }, token_type: "DPoP" });
    const revoked = await postRevocation({ token, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.agent.clientId, f.agentKey) });
    expect(revoked.status).toBe(200);
    expect((await asServer()).body).toEqual({ active: false });
    expect(await db().revokedToken.count({ where: { agentId: f.agent.id } })).toBe(1);
  });
});
