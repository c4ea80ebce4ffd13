// mTLS at the token endpoint (RFC 8705), as Warden sees a request after its
// server stamped it: the certificate a trusted proxy forwarded arrives in
// x-warden-client-cert (lib/server/request-meta.ts; the real-TLS path is
// oauth-mtls-tls.test.ts). tls_client_auth against a CA file and a registered
// subject, self_signed_tls_client_auth against a key's x5c, and tokens bound
// to the certificate (cnf x5t#S256) for agents whose binding says so.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { resetEnvCache } from "@/lib/config/env";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { registerIdentity } from "@/lib/identities/register-identity";
import { updateIdentity } from "@/lib/identities/update-identity";
import { certificateThumbprint } from "@/lib/mtls/certificate";
import { ACCESS_TOKEN_TYPE, CLIENT_ASSERTION_TYPE, TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";
import { authorizationServerMetadata } from "@/lib/oauth/metadata";
import { escapedPem, issue, selfSigned, type Certified } from "@/tests/support/certificates";
import { clientAssertion, dpopProof, currentNonce, oauthFixture, postIntrospection, type OAuthFixture } from "./helpers/oauth";
import { expectRefusal, sendToken, type Reply } from "./helpers/oauth-negative";

const CERT = "x-warden-client-cert";
let dir: string;
let ca: Certified;
let otherCa: Certified;
let agentCert: Certified;
let f: OAuthFixture;

const thumbprint = (certified: Certified) => certificateThumbprint(certified.node);
const withCert = (certified: Certified | string) => ({ [CERT]: typeof certified === "string" ? certified : escapedPem(certified) });
const mtlsToken = (clientId: string, resource: string, headers: Record<string, string>) => sendToken({ grant_type: "client_credentials", client_id: clientId, resource }, headers);

/** The protocol suite's refusal check (helpers/oauth-negative.ts): status, code, no-store, no token, exactly one audited refusal. */
const refusedClient = (reply: Reply, description: string) => expectRefusal(reply, { status: 401, error: "invalid_client", description });
const refusedRequest = (reply: Reply, description: string) => expectRefusal(reply, { status: 400, error: "invalid_request", description });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-mtls-"));
  ca = await selfSigned({ subject: "CN=Warden Test CA, O=Warden Tests", ca: true });
  otherCa = await selfSigned({ subject: "CN=Warden Test CA, O=Warden Tests", ca: true });
  fs.writeFileSync(path.join(dir, "ca.pem"), ca.pem);
  process.env.WARDEN_MTLS_CA_FILE = path.join(dir, "ca.pem");
  resetEnvCache();
  agentCert = await issue(ca, { subject: "CN=reporting-agent, O=Example\\, Inc.", san: [{ type: "dns", value: "agent.example.com" }, { type: "url", value: "spiffe://example.com/agent" }] });
  f = await oauthFixture();
  await updateIdentity({ actor: SYSTEM_ACTOR, kind: "agent", identityId: f.agent.id, input: { authMethod: "tls_client_auth", tlsClientAuth: { field: "subject_dn", value: "O=Example\\, Inc.,CN=reporting-agent" }, tokenBinding: "mtls" } });
});

afterAll(() => {
  delete process.env.WARDEN_MTLS_CA_FILE;
  resetEnvCache();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("tls_client_auth", () => {
  it("issues a token bound to the certificate, recording the method; introspection shows the binding", async () => {
    const response = await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert(agentCert));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.token_type).toBe("Bearer");
    const claims = decodeJwt(String(response.body.access_token));
    expect(claims.cnf).toEqual({ "x5t#S256": thumbprint(agentCert) });
    expect(claims).toMatchObject({ wdn_auth: "tls_client_auth", amr: ["swk"], sub: f.agent.id });
    const introspected = await postIntrospection({ token: String(response.body.access_token), client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(f.server.id, f.serverKey) });
    expect(introspected.body).toMatchObject({ active: true, cnf: { "x5t#S256": thumbprint(agentCert) }, token_type: "Bearer", wdn_auth: "tls_client_auth" });
  });

  it("accepts the certificate however the proxy encoded it: escaped PEM, PEM with spaces, base64 DER", async () => {
    for (const encoded of [escapedPem(agentCert), agentCert.pem.replace(/\n/g, " "), agentCert.der]) {
      const response = await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert(encoded));
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    }
  });

  it("refuses certificates that are expired, not yet valid, from another CA, or for another subject", async () => {
    const expired = await issue(ca, { subject: "CN=reporting-agent, O=Example\\, Inc.", notBefore: new Date(Date.now() - 20 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    await refusedClient(await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert(expired)), "The client certificate expired at");
    const early = await issue(ca, { subject: "CN=reporting-agent, O=Example\\, Inc.", notBefore: new Date(Date.now() + 86_400_000), notAfter: new Date(Date.now() + 9 * 86_400_000) });
    await refusedClient(await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert(early)), "is not valid before");
    const foreign = await issue(otherCa, { subject: "CN=reporting-agent, O=Example\\, Inc." });
    await refusedClient(await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert(foreign)), "not issued by a CA Warden trusts");
    const stranger = await issue(ca, { subject: "CN=someone-else, O=Example\\, Inc." });
    await refusedClient(await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert(stranger)), "subject DN does not match");
  });

  it("matches a registered subjectAltName instead of the DN", async () => {
    await updateIdentity({ actor: SYSTEM_ACTOR, kind: "agent", identityId: f.agent.id, input: { tlsClientAuth: { field: "san_uri", value: "spiffe://example.com/agent" } } });
    try {
      expect((await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert(agentCert))).status).toBe(200);
      const withoutSan = await issue(ca, { subject: "CN=reporting-agent, O=Example\\, Inc.", san: [{ type: "url", value: "spiffe://example.com/other" }] });
      await refusedClient(await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert(withoutSan)), "URI subjectAltName does not match");
    } finally {
      await updateIdentity({ actor: SYSTEM_ACTOR, kind: "agent", identityId: f.agent.id, input: { tlsClientAuth: { field: "subject_dn", value: "O=Example\\, Inc.,CN=reporting-agent" } } });
    }
  });

  it("refuses a missing or unreadable certificate, and any other method than the registered one", async () => {
    await refusedClient(await mtlsToken(f.agent.clientId, f.server.resourceUri!, {}), "connect through Warden's TLS-terminating proxy");
    await refusedClient(await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert("not-a-certificate!")), "neither PEM nor base64 DER");
    await refusedClient(await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert("MIIBAAAA")), "not an X.509 certificate");
    const assertion = await clientAssertion(f.agent.clientId, f.agentKey);
    const viaJwt = await sendToken({ grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion, resource: f.server.resourceUri! }, withCert(agentCert));
    await refusedClient(viaJwt, "registered for tls_client_auth; it cannot authenticate with private_key_jwt");
  });

  it("refuses everyone while no CA is configured", async () => {
    delete process.env.WARDEN_MTLS_CA_FILE;
    resetEnvCache();
    try {
      await refusedClient(await mtlsToken(f.agent.clientId, f.server.resourceUri!, withCert(agentCert)), "Warden trusts no CA for tls_client_auth");
    } finally {
      process.env.WARDEN_MTLS_CA_FILE = path.join(dir, "ca.pem");
      resetEnvCache();
    }
  });
});

describe("self_signed_tls_client_auth", () => {
  it("accepts exactly the certificate registered as a key's x5c, and no other", async () => {
    const own = await selfSigned({ subject: "CN=self-signed agent" });
    const agent = await registerIdentity({ actor: SYSTEM_ACTOR, kind: "agent", input: { name: `self-signed ${Date.now()}`, ownerId: f.owner.id, environment: "development", authMethod: "self_signed_tls_client_auth", tokenBinding: "mtls" } });
    await addKeys({ actor: SYSTEM_ACTOR, identityId: agent.id, input: { jwk: { ...own.jwk, x5c: [own.der] } } });
    const ok = await mtlsToken(agent.clientId!, f.server.resourceUri!, withCert(own));
    // authenticated, then refused for want of a grant on this server: the certificate was accepted
    expect(ok.body.error, JSON.stringify(ok.body)).toBe("invalid_scope");
    const impostor = await selfSigned({ subject: "CN=self-signed agent" });
    await refusedClient(await mtlsToken(agent.clientId!, f.server.resourceUri!, withCert(impostor)), "not the certificate (x5c) of any active key");
  });

  it("refuses to register an x5c whose certificate holds another key", async () => {
    const own = await selfSigned({ subject: "CN=a" });
    const other = await selfSigned({ subject: "CN=b" });
    await expect(addKeys({ actor: SYSTEM_ACTOR, identityId: f.agent.id, input: { jwk: { ...own.jwk, x5c: [other.der] } } })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: "jwk.x5c" })] });
  });
});

describe("certificate-bound tokens for agents that authenticate otherwise", () => {
  it("binds a private_key_jwt agent's token to its certificate when its binding is mtls, and refuses without one", async () => {
    const g = await oauthFixture();
    await updateIdentity({ actor: SYSTEM_ACTOR, kind: "agent", identityId: g.agent.id, input: { tokenBinding: "mtls" } });
    const own = await selfSigned({ subject: "CN=any certificate will do" });
    const params = async () => ({ grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(g.agent.clientId, g.agentKey), resource: g.server.resourceUri! });
    const bound = await sendToken(await params(), withCert(own));
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    expect(decodeJwt(String(bound.body.access_token))).toMatchObject({ cnf: { "x5t#S256": thumbprint(own) }, wdn_auth: "private_key_jwt" });
    await refusedRequest(await sendToken(await params()), "bound to its client certificate");

    // dpop_or_mtls: DPoP when a proof comes, else the certificate, else refused
    await updateIdentity({ actor: SYSTEM_ACTOR, kind: "agent", identityId: g.agent.id, input: { tokenBinding: "dpop_or_mtls" } });
    const viaDpop = await sendToken(await params(), { dpop: await dpopProof(g.dpopKey, { nonce: await currentNonce(g) }), ...withCert(own) });
    expect(viaDpop.body.token_type).toBe("DPoP");
    expect(Object.keys(decodeJwt(String(viaDpop.body.access_token)).cnf as object)).toEqual(["jkt"]);
    const viaCert = await sendToken(await params(), withCert(own));
    expect(decodeJwt(String(viaCert.body.access_token)).cnf).toEqual({ "x5t#S256": thumbprint(own) });
    await refusedRequest(await sendToken(await params()), "present a DPoP proof (DPoP header) or connect with its client certificate");

    // an exchange keeps the chain sender-constrained: the server binds the new token to its own certificate
    const serverCert = await selfSigned({ subject: "CN=mcp server" });
    const exchange = async (headers: Record<string, string>) =>
      sendToken(
        { grant_type: TOKEN_EXCHANGE_GRANT, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: await clientAssertion(g.server.id, g.serverKey), subject_token: String(viaCert.body.access_token), subject_token_type: ACCESS_TOKEN_TYPE, resource: g.resource.resourceUri!, scope: "ledger:read" },
        headers,
      );
    const exchanged = await exchange(withCert(serverCert));
    expect(exchanged.status, JSON.stringify(exchanged.body)).toBe(200);
    expect(decodeJwt(String(exchanged.body.access_token)).cnf).toEqual({ "x5t#S256": thumbprint(serverCert) });
    await refusedRequest(await exchange({}), "The subject token is certificate-bound");
  });
});

describe("discovery and registration", () => {
  it("advertises the mTLS methods and certificate-bound tokens in the AS metadata", async () => {
    const metadata = JSON.parse(await authorizationServerMetadata()) as Record<string, unknown>;
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"]));
    expect(metadata.introspection_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["tls_client_auth"]));
    expect(metadata.tls_client_certificate_bound_access_tokens).toBe(true);
  });

  it("validates the client settings together, changing nothing on bad input", async () => {
    const base = { name: `agent ${Date.now()}`, ownerId: f.owner.id, environment: "development" as const };
    const refused = (input: Record<string, unknown>, path: string) => expect(registerIdentity({ actor: SYSTEM_ACTOR, kind: "agent", input: { ...base, ...input } as never })).rejects.toMatchObject({ issues: [expect.objectContaining({ path })] });
    await refused({ authMethod: "tls_client_auth" }, "tlsClientAuth");
    await refused({ authMethod: "tls_client_auth", tlsClientAuth: { field: "san_ip", value: "not-an-ip" } }, "tlsClientAuth.value");
    await refused({ authMethod: "tls_client_auth", tlsClientAuth: { field: "subject_dn", value: "CN=x" }, hardwareKeysRequired: true }, "authMethod");
    await refused({ tlsClientAuth: { field: "san_dns", value: "agent.example.com" } }, "tlsClientAuth");
    await refused({ tokenBinding: "mtls", dpopRequired: true }, "dpopRequired");
    await expect(registerIdentity({ actor: SYSTEM_ACTOR, kind: "server", input: { name: `srv ${Date.now()}`, ownerId: f.owner.id, environment: "development", resourceUri: `https://m-${Date.now()}.example.test/mcp`, authMethod: "attest_jwt_client_auth" } })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: "authMethod" })] });
    const before = await updateIdentity({ actor: SYSTEM_ACTOR, kind: "agent", identityId: f.agent.id, input: { description: "unchanged" } });
    await expect(updateIdentity({ actor: SYSTEM_ACTOR, kind: "agent", identityId: f.agent.id, input: { authMethod: "private_key_jwt", tlsClientAuth: { field: "subject_dn", value: "CN=x" } } })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: "tlsClientAuth" })] });
    const after = await updateIdentity({ actor: SYSTEM_ACTOR, kind: "agent", identityId: f.agent.id, input: { description: "unchanged again" } });
    expect({ authMethod: after.authMethod, tlsClientAuth: after.tlsClientAuth, tokenBinding: after.tokenBinding }).toEqual({ authMethod: before.authMethod, tlsClientAuth: before.tlsClientAuth, tokenBinding: before.tokenBinding });
  });
});
