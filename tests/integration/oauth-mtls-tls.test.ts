// Certificate-bound tokens (RFC 8705) over real TLS: Warden's lean routes
// behind a TLS-terminating proxy configured as nginx is (optional_no_ca, the
// certificate forwarded URL-escaped in X-SSL-Client-Cert), an agent that
// authenticates with tls_client_auth and gets mTLS-bound tokens, and the
// example MCP server terminating TLS itself, where the enforcement SDK checks
// the binding against the connection's certificate. Every request is a real
// TLS connection presenting (or not) a real certificate; node https, since
// fetch cannot present client certificates.
import crypto from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { resetEnvCache } from "@/lib/config/env";
import { LEDGER_TOOLS, startLedgerServer, type LedgerServer } from "@/lib/gateway/example-ledger-server";
import { updateIdentity } from "@/lib/identities/update-identity";
import { CLIENT_ASSERTION_TYPE, ISSUER } from "@/lib/oauth/config";
import { createWardenServer } from "@/lib/server/http-server";
import { FAST_ROUTES } from "@/lib/server/fast-routes";
import { escapedPem, issue, selfSigned, type Certified } from "../support/certificates";
import { clientAssertion, oauthFixture, type OAuthFixture } from "./helpers/oauth";
import { startTlsProxy, type TlsProxy } from "./helpers/tls-proxy";

const SUBJECT = "CN=ledger-agent, O=Example Corp";
const DAY = 86_400_000;

let ca: Certified;
let certA: Certified;
let certB: Certified;
let expired: Certified;
let foreign: Certified;
let tmp: string;
let previousCaFile: string | undefined;
let warden: http.Server;
let wardenOrigin: string;
let proxy: TlsProxy;
let ledger: LedgerServer;
let f: OAuthFixture;

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };
type Call = { headers?: Record<string, string>; body: string; cert?: Certified; localAddress?: string };

/** One request on a new connection (no session reuse across certificates): https with the test CA and, when given, a client certificate. */
function send(url: string, call: Call): Promise<Reply> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  const headers = { "content-length": String(Buffer.byteLength(call.body)), ...call.headers };
  const options: https.RequestOptions = { hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: "POST", headers, agent: false, localAddress: call.localAddress };
  if (secure) Object.assign(options, { ca: ca.pem, ...(call.cert ? { cert: call.cert.pem, key: call.cert.keyPem } : {}) });
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on("error", reject);
    req.end(call.body);
  });
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };
const tokenForm = () => new URLSearchParams({ grant_type: "client_credentials", client_id: f.agent.clientId, resource: ledger.url }).toString();
/** a token request: through the proxy (https) or straight to Warden (http) */
const requestToken = (origin: string, call: Omit<Call, "body"> = {}) => send(`${origin}/oauth/token`, { ...call, headers: { ...FORM, ...call.headers }, body: tokenForm() });
const thumbprint = (certified: Certified) => crypto.createHash("sha256").update(certified.node.raw).digest("base64url");

const readLedger = JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: LEDGER_TOOLS.read.name, arguments: {} } });
const callLedger = (token: string, cert?: Certified) =>
  send(ledger.url, { cert, body: readLedger, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json, text/event-stream" } });

/** fetch that sends requests for Warden's public URLs to the test server (the ledger's policy client) */
const routed: typeof fetch = async (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(ISSUER(), wardenOrigin), init);

beforeAll(async () => {
  ca = await selfSigned({ subject: "CN=Warden Test Client CA", ca: true });
  const otherCa = await selfSigned({ subject: "CN=Some Other CA", ca: true });
  const tlsServer = await issue(ca, { subject: "CN=127.0.0.1", san: [{ type: "ip", value: "127.0.0.1" }] });
  certA = await issue(ca, { subject: SUBJECT });
  certB = await issue(ca, { subject: "CN=another-agent, O=Example Corp" });
  expired = await issue(ca, { subject: SUBJECT, notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
  foreign = await issue(otherCa, { subject: SUBJECT });

  tmp = mkdtempSync(path.join(os.tmpdir(), "warden-mtls-"));
  writeFileSync(path.join(tmp, "ca.pem"), ca.pem);
  previousCaFile = process.env.WARDEN_MTLS_CA_FILE;
  process.env.WARDEN_MTLS_CA_FILE = path.join(tmp, "ca.pem");
  resetEnvCache();

  warden = createWardenServer({ fastRoutes: FAST_ROUTES, fallback: async (_req, res) => void res.writeHead(404).end(), trustedProxies: ["127.0.0.1"], clientCertificateHeader: "x-ssl-client-cert", https: false });
  await new Promise<void>((resolve) => warden.listen(0, "127.0.0.1", resolve));
  wardenOrigin = `http://127.0.0.1:${(warden.address() as AddressInfo).port}`;
  proxy = await startTlsProxy({ key: tlsServer.keyPem, cert: tlsServer.pem, upstream: wardenOrigin });

  f = await oauthFixture();
  ledger = await startLedgerServer({ issuer: ISSUER(), fetch: routed, waitSeconds: 20, tls: { key: tlsServer.keyPem, cert: tlsServer.pem } });
  await updateIdentity({ actor: SYSTEM_ACTOR, kind: "server", identityId: f.server.id, input: { resourceUri: ledger.url } });
  await updateIdentity({ actor: SYSTEM_ACTOR, kind: "agent", identityId: f.agent.id, input: { authMethod: "tls_client_auth", tlsClientAuth: { field: "subject_dn", value: SUBJECT }, tokenBinding: "mtls" } });
  await ledger.start({ serverId: f.server.id, key: f.serverKey });
});

afterAll(async () => {
  await ledger?.close();
  await proxy?.close();
  warden?.closeAllConnections();
  await new Promise((resolve) => (warden ? warden.close(resolve) : resolve(undefined)));
  if (previousCaFile === undefined) delete process.env.WARDEN_MTLS_CA_FILE;
  else process.env.WARDEN_MTLS_CA_FILE = previousCaFile;
  resetEnvCache();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function expectOAuthError(reply: Reply, error: string, description: string, name: string) {
  expect(reply.status, name).toBe(401);
  expect(reply.headers["cache-control"], name).toBe("no-store");
  expect(reply.headers["content-type"], name).toMatch(/^application\/json/);
  expect(reply.body, name).toMatchObject({ error, error_description: expect.stringContaining(description) });
  // RFC 6749 §5.2: error, error_description, error_uri and nothing else
  expect(Object.keys(reply.body).every((key) => ["error", "error_description", "error_uri"].includes(key)), name).toBe(true);
}

describe("mTLS-bound tokens over real TLS (RFC 8705)", () => {
  let token: string;

  it("issues a certificate-bound Bearer token to a client that authenticated with its certificate through the proxy", async () => {
    const reply = await requestToken(proxy.origin, { cert: certA });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.headers["cache-control"]).toBe("no-store");
    expect(reply.body).toMatchObject({ token_type: "Bearer", scope: expect.stringContaining(f.scope(LEDGER_TOOLS.read.name)) });
    token = reply.body.access_token as string;
    const claims = decodeJwt(token);
    expect(claims.cnf).toEqual({ "x5t#S256": thumbprint(certA) });
    expect(claims).toMatchObject({ wdn_auth: "tls_client_auth", client_id: f.agent.clientId, aud: ledger.url });

    const assertion = await clientAssertion(f.server.id, f.serverKey);
    const introspected = await send(`${wardenOrigin}/oauth/introspect`, { headers: FORM, body: new URLSearchParams({ token, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion }).toString() });
    expect(introspected.status).toBe(200);
    expect(introspected.body).toMatchObject({ active: true, token_type: "Bearer", cnf: { "x5t#S256": thumbprint(certA) } });
  });

  it("lets the MCP server run a tool only over a connection with the certificate the token is bound to", async () => {
    expect(token).toBeTruthy();
    const before = ledger.executed.length;
    const allowed = await callLedger(token, certA);
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(allowed.body).toMatchObject({ id: 7, result: { content: [{ type: "text", text: expect.stringContaining("balance") }] } });
    expect(ledger.executed.slice(before)).toEqual([{ tool: LEDGER_TOOLS.read.name, agentId: f.agent.id }]);

    const otherCertificate = await callLedger(token, certB);
    expect(otherCertificate.status).toBe(401);
    expect(otherCertificate.body).toMatchObject({ error: "invalid_token", error_description: expect.stringContaining("bound to a different client certificate") });
    expect(otherCertificate.headers["www-authenticate"]).toContain('error="invalid_token"');

    const noCertificate = await callLedger(token);
    expect(noCertificate.status).toBe(401);
    expect(noCertificate.body).toMatchObject({ error: "invalid_token", error_description: expect.stringContaining("bound to a client certificate") });
    expect(ledger.executed.length).toBe(before + 1);
  });

  it("believes the certificate header only from the trusted proxy's address", async () => {
    const forged = { "x-ssl-client-cert": escapedPem(certA) };
    // the same header from the trusted address is what the proxy sends, and works: the refusal below is about the address
    const trusted = await requestToken(wardenOrigin, { headers: forged, localAddress: "127.0.0.1" });
    expect(trusted.status, JSON.stringify(trusted.body)).toBe(200);
    expect(decodeJwt(trusted.body.access_token as string).cnf).toEqual({ "x5t#S256": thumbprint(certA) });

    const untrusted = await requestToken(wardenOrigin, { headers: forged, localAddress: "127.0.0.2" });
    expectOAuthError(untrusted, "invalid_client", "connect through Warden's TLS-terminating proxy", "untrusted address");
    // nor can anyone set Warden's internal header
    const internal = await requestToken(wardenOrigin, { headers: { "x-warden-client-cert": escapedPem(certA) }, localAddress: "127.0.0.2" });
    expectOAuthError(internal, "invalid_client", "connect through Warden's TLS-terminating proxy", "internal header");
    // and the proxy replaces a header its client sent: without a TLS client certificate there is none
    const throughProxy = await requestToken(proxy.origin, { headers: forged });
    expectOAuthError(throughProxy, "invalid_client", "connect through Warden's TLS-terminating proxy", "header through the proxy");
  });

  it("refuses certificates that are expired, from an untrusted CA, or for another subject", async () => {
    const cases: [string, Certified, string][] = [
      ["expired", expired, "expired"],
      ["another CA, same subject", foreign, "not issued by a CA Warden trusts"],
      ["the trusted CA, another subject", certB, "does not match"],
    ];
    for (const [name, cert, description] of cases) expectOAuthError(await requestToken(proxy.origin, { cert }), "invalid_client", description, name);
    // the same route with the registered certificate still works: the refusals are about the certificates
    expect((await requestToken(proxy.origin, { cert: certA })).status).toBe(200);
  });
});
