// Warden's token service against real, unmodified OAuth clients over real
// sockets: openid-client 6 (discovery, private_key_jwt, DPoP with the
// use_dpop_nonce retry, client_credentials, token exchange, introspection,
// revocation) and the MCP TypeScript SDK (RFC 9728 discovery from an MCP
// server, RFC 8414 discovery, PrivateKeyJwtProvider, a Bearer token with
// `resource`, then a tool call). The OAuth endpoints are the lean path
// (FAST_ROUTES) on node:http, exactly as the running server answers them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { discoverAuthorizationServerMetadata, fetchToken } from "@modelcontextprotocol/sdk/client/auth.js";
import { PrivateKeyJwtProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { AuthorizationServerMetadata } from "@modelcontextprotocol/sdk/shared/auth.js";
import { calculateJwkThumbprint, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, exportJWK, importJWK, jwtVerify, type CryptoKey, type JWTPayload } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { protectedResourceMetadata } from "@/lib/catalog/protected-resource-metadata";
import { startMcpTestServer, type McpTestServer } from "@/lib/catalog/testing/mcp-test-server";
import { resetEnvCache } from "@/lib/config/env";
import { createGrant } from "@/lib/grants/create-grant";
import { addKeys } from "@/lib/identities/keys/add-keys";
import { updateIdentity } from "@/lib/identities/update-identity";
import type { TIdentity } from "@/lib/identities/schemas";
import { ACCESS_TOKEN_TYPE, CLIENT_ASSERTION_TYPE, TOKEN_EXCHANGE_GRANT } from "@/lib/oauth/config";
import { seedIdentity } from "@/lib/seed/factories";
import { oauthFixture, testKey, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { serveFastRoutes, type Listening } from "./helpers/warden-process";

let warden: Listening;
let issuer: string;
const savedUrl = process.env.WARDEN_URL;

beforeAll(async () => {
  warden = await serveFastRoutes();
  // the issuer (publicUrl()) must be where the endpoints are, before any fixture or token exists
  process.env.WARDEN_URL = warden.url;
  resetEnvCache();
  issuer = warden.url;
});

afterAll(async () => {
  if (savedUrl === undefined) delete process.env.WARDEN_URL;
  else process.env.WARDEN_URL = savedUrl;
  resetEnvCache();
  await warden?.close();
});

const privateKeyOf = (key: TestKey) => key.privateKey as CryptoKey;

/** An openid-client configuration for a Warden client, discovered from the issuer (RFC 8414). */
function configure(clientId: string, key: TestKey): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, undefined, oidc.PrivateKeyJwt({ key: privateKeyOf(key), kid: key.kid }), {
    // Warden is an OAuth authorization server, not an OpenID provider: RFC 8414 discovery
    algorithm: "oauth2",
    execute: [oidc.allowInsecureRequests],
  });
}

describe("openid-client 6 against Warden", () => {
  it("discovers Warden and runs client_credentials with DPoP, token exchange, introspection and revocation", async () => {
    const f = await oauthFixture();
    const resourceKey = await testKey();
    await addKeys({ actor: SYSTEM_ACTOR, identityId: f.resource.id, input: { jwk: resourceKey.publicJwk } });

    // the agent: private_key_jwt with its registered key, DPoP with a fresh key pair
    const agent = await configure(f.agent.clientId, f.agentKey);
    expect(agent.serverMetadata()).toMatchObject({ issuer, token_endpoint: `${issuer}/oauth/token`, introspection_endpoint: `${issuer}/oauth/introspect`, revocation_endpoint: `${issuer}/oauth/revoke` });
    const agentDpopKeys = await oidc.randomDPoPKeyPair("ES256");
    const agentJkt = await calculateJwkThumbprint(await exportJWK(agentDpopKeys.publicKey));
    // openid-client answers Warden's use_dpop_nonce challenge by itself
    const issued = await oidc.clientCredentialsGrant(agent, { scope: f.scope("read_ledger"), resource: f.server.resourceUri! }, { DPoP: oidc.getDPoPHandle(agent, agentDpopKeys) });
    expect(issued.token_type).toBe("dpop"); // oauth4webapi lower-cases token_type
    expect(issued).toMatchObject({ scope: f.scope("read_ledger"), expires_in: 300 });
    const agentToken = issued.access_token;
    expect(decodeProtectedHeader(agentToken)).toMatchObject({ typ: "at+jwt" });
    expect(decodeJwt(agentToken)).toMatchObject({ iss: issuer, sub: f.agent.id, client_id: f.agent.clientId, aud: f.server.resourceUri, scope: f.scope("read_ledger"), cnf: { jkt: agentJkt } });

    // the MCP server exchanges it; the subject token is DPoP-bound, so the proof uses one of the server's own registered keys
    const server = await configure(f.server.id, f.serverKey);
    const serverDpopKeys = { privateKey: privateKeyOf(f.serverKey), publicKey: (await importJWK(f.serverKey.publicJwk, "ES256", { extractable: true })) as CryptoKey };
    const exchanged = await oidc.genericGrantRequest(
      server,
      TOKEN_EXCHANGE_GRANT,
      { subject_token: agentToken, subject_token_type: ACCESS_TOKEN_TYPE, resource: f.resource.resourceUri!, scope: `ledger:read ${f.scope("read_ledger")}` },
      { DPoP: oidc.getDPoPHandle(server, serverDpopKeys) },
    );
    expect(exchanged).toMatchObject({ token_type: "dpop", issued_token_type: ACCESS_TOKEN_TYPE, scope: `ledger:read ${f.scope("read_ledger")}` });
    const exchangedClaims = decodeJwt(exchanged.access_token);
    expect(exchangedClaims).toMatchObject({ sub: f.agent.id, aud: f.resource.resourceUri, act: { sub: f.server.id }, wdn_parent_jti: decodeJwt(agentToken).jti, cnf: { jkt: f.serverKey.kid } });

    // introspection is for the token's own audience: the agent's token by the server, the exchanged one by the resource
    expect(await oidc.tokenIntrospection(server, agentToken)).toMatchObject({ active: true, sub: f.agent.id, aud: f.server.resourceUri, client_id: f.agent.clientId, token_type: "DPoP", cnf: { jkt: agentJkt } });
    const resource = await configure(f.resource.id, resourceKey);
    const introspected = await oidc.tokenIntrospection(resource, exchanged.access_token);
    expect(introspected).toMatchObject({ active: true, sub: f.agent.id, aud: f.resource.resourceUri, act: { sub: f.server.id }, cnf: { jkt: f.serverKey.kid }, token_type: "DPoP" });
    expect(introspected.act).toEqual({ sub: f.server.id });
    // …and nobody else's
    expect(await oidc.tokenIntrospection(resource, agentToken)).toEqual({ active: false });

    // the agent revokes its token (RFC 7009); the server's introspection then says inactive
    await oidc.tokenRevocation(agent, agentToken);
    expect(await oidc.tokenIntrospection(server, agentToken)).toEqual({ active: false });
  });

  it("surfaces Warden's refusals, with their descriptions, as OAuth errors", async () => {
    const f = await oauthFixture();
    const agent = await configure(f.agent.clientId, f.agentKey);
    const dpop = oidc.getDPoPHandle(agent, await oidc.randomDPoPKeyPair("ES256"));
    expect(await refusal(oidc.clientCredentialsGrant(agent, { scope: f.scope("wire_money"), resource: f.server.resourceUri! }, { DPoP: dpop }))).toMatchObject({
      status: 400,
      error: "invalid_scope",
      description: expect.stringContaining("wire_money"),
    });
    // a DPoP-required agent without a proof
    expect(await refusal(oidc.clientCredentialsGrant(agent, { resource: f.server.resourceUri! }))).toMatchObject({ status: 400, error: "invalid_dpop_proof" });
    // an assertion signed with a key that is not registered on the client
    const stranger = await testKey();
    const impostor = await configure(f.agent.clientId, { ...stranger, kid: f.agentKey.kid });
    expect(await refusal(oidc.clientCredentialsGrant(impostor, { resource: f.server.resourceUri! }, { DPoP: dpop }))).toMatchObject({
      status: 401,
      error: "invalid_client",
      description: expect.stringContaining("does not verify"),
    });
  });
});

type Refusal = { status: number; error: string; description: string | undefined; challenged: boolean };

/**
 * What a developer using openid-client learns from a refusal. A 401 with a
 * WWW-Authenticate header (Warden sends `Bearer error="invalid_client"`) is
 * raised as a WWWAuthenticateChallengeError that carries only the challenge;
 * the JSON body with error_description is then only on `error.response`.
 */
async function refusal(attempt: Promise<unknown>): Promise<Refusal> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError) return { status: error.status, error: error.error, description: error.error_description, challenged: false };
    if (error instanceof oidc.WWWAuthenticateChallengeError) {
      const body = (await error.response.json()) as { error: string; error_description?: string };
      expect(error.cause.map((challenge) => challenge.parameters.error)).toContain(body.error);
      return { status: error.status, error: body.error, description: body.error_description, challenged: true };
    }
    throw error;
  }
  throw new Error("expected Warden to refuse the request");
}

type ProtectedMcp = { url: string; accepted: JWTPayload[]; close: () => Promise<void> };

/**
 * An MCP server protected by Warden, as a resource server would run it: it
 * serves its RFC 9728 metadata (Warden's document for the registered server),
 * answers requests without a valid Bearer token with a 401 naming that
 * document, verifies tokens against Warden's JWKS, and forwards the rest to a
 * real SDK MCP server.
 */
async function startProtectedMcp(options: { upstream: McpTestServer; serverId: string; requiredScope: string }): Promise<ProtectedMcp> {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  const upstream = new URL(options.upstream.url);
  const metadataPath = "/.well-known/oauth-protected-resource/mcp";
  const accepted: JWTPayload[] = [];
  let origin = "";
  const unauthorized = (res: http.ServerResponse, error?: string): void => {
    res
      .writeHead(401, { "content-type": "application/json", "www-authenticate": `Bearer ${error ? `error="${error}", ` : ""}resource_metadata="${origin}${metadataPath}"` })
      .end(JSON.stringify({ error: error ?? "unauthorized" }));
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", origin).pathname;
    if (req.method === "GET" && (path === metadataPath || path === "/.well-known/oauth-protected-resource")) {
      const metadata = await protectedResourceMetadata(options.serverId);
      if (!metadata) return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "application/json" }).end(metadata.body);
    }
    if (path !== "/mcp") return void res.writeHead(404).end();
    const authorization = req.headers.authorization;
    if (!authorization?.startsWith("Bearer ")) return unauthorized(res);
    try {
      const { payload } = await jwtVerify(authorization.slice("Bearer ".length), jwks, { issuer, audience: `${origin}/mcp`, typ: "at+jwt" });
      // a DPoP-bound token is not usable as a Bearer token
      if (payload.cnf || !String(payload.scope ?? "").split(" ").includes(options.requiredScope)) return unauthorized(res, "invalid_token");
      accepted.push(payload);
    } catch {
      return unauthorized(res, "invalid_token");
    }
    const forward = http.request({ host: upstream.hostname, port: upstream.port, path: upstream.pathname, method: req.method, headers: { ...req.headers, host: upstream.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/mcp`,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A Bearer agent (the SDK has no DPoP) with its own key and a grant of read_ledger on the fixture's server. */
async function bearerAgent(f: OAuthFixture) {
  const key = await testKey();
  const agent = (await seedIdentity({ kind: "agent", owner: f.owner, extra: { dpopRequired: false } })) as TIdentity & { clientId: string };
  await addKeys({ actor: SYSTEM_ACTOR, identityId: agent.id, input: { jwk: key.publicJwk } });
  await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: agent.id, serverId: f.server.id, toolIds: [f.tool("read_ledger").id], justification: "MCP SDK client test" } });
  const provider = new PrivateKeyJwtProvider({ clientId: agent.clientId, privateKey: await exportJWK(key.privateKey), algorithm: "ES256", expectedIssuer: issuer });
  return { agent, provider };
}

/** A fetch that keeps what was posted to Warden's token endpoint. */
function recordingTokenRequests() {
  const requests: { body: URLSearchParams; headers: Headers }[] = [];
  const fetchFn = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    if (String(url) === `${issuer}/oauth/token`) requests.push({ body: new URLSearchParams(init?.body as URLSearchParams), headers: new Headers(init?.headers) });
    return fetch(url, init);
  };
  return { requests, fetchFn };
}

/** The SDK's client_credentials request: private_key_jwt with no kid and a 300 s lifetime, `resource`, no DPoP. */
function expectSdkTokenRequest(request: { body: URLSearchParams; headers: Headers }, clientId: string, resource: string): void {
  expect(request.body.get("grant_type")).toBe("client_credentials");
  expect(request.body.get("resource")).toBe(resource);
  expect(request.body.get("client_assertion_type")).toBe(CLIENT_ASSERTION_TYPE);
  expect(request.headers.has("dpop")).toBe(false);
  const assertion = request.body.get("client_assertion")!;
  // no kid: Warden tries every active key of the client
  expect(decodeProtectedHeader(assertion)).toEqual({ alg: "ES256", typ: "JWT" });
  const claims = decodeJwt(assertion);
  expect(claims).toMatchObject({ iss: clientId, sub: clientId, aud: issuer });
  // Warden's longest allowed assertion lifetime
  expect(claims.exp! - claims.iat!).toBe(300);
}

describe("the MCP TypeScript SDK against Warden", () => {
  it("PrivateKeyJwtProvider's token request (kid-less assertion living 300 s) gets a Bearer token for the resource", async () => {
    const f = await oauthFixture();
    const { agent, provider } = await bearerAgent(f);
    const { requests, fetchFn } = recordingTokenRequests();
    // Warden's metadata document as served, handed to the SDK's token request as is
    const metadata = (await (await fetch(`${issuer}/.well-known/oauth-authorization-server`)).json()) as AuthorizationServerMetadata;
    const tokens = await fetchToken(provider, issuer, { metadata, resource: f.server.resourceUri!, fetchFn });
    expect(requests).toHaveLength(1);
    expectSdkTokenRequest(requests[0]!, agent.clientId, f.server.resourceUri!);
    expect(tokens).toMatchObject({ token_type: "Bearer", expires_in: 300, scope: f.scope("read_ledger") });
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ iss: issuer, sub: agent.id, client_id: agent.clientId, aud: f.server.resourceUri, scope: f.scope("read_ledger") });
    expect(claims.cnf).toBeUndefined();
  });

  it("discovers Warden from an MCP server's protected resource metadata, gets a Bearer token and calls a tool", async () => {
    const f = await oauthFixture();
    const { agent, provider } = await bearerAgent(f);
    const upstream = await startMcpTestServer({ tools: [{ name: "read_ledger", annotations: { readOnlyHint: true } }] });
    const mcp = await startProtectedMcp({ upstream, serverId: f.server.id, requiredScope: f.scope("read_ledger") });
    const sdk = new Client({ name: "warden-test-agent", version: "1.0.0" });
    try {
      // the registered server's resource URI is where it really listens
      await updateIdentity({ actor: SYSTEM_ACTOR, kind: "server", identityId: f.server.id, input: { resourceUri: mcp.url } });
      // the SDK's own RFC 8414 discovery must accept Warden's document (its schema requires
      // authorization_endpoint, even of an authorization server that has only client_credentials)
      await expect(discoverAuthorizationServerMetadata(issuer)).resolves.toMatchObject({ issuer, token_endpoint: `${issuer}/oauth/token` });

      const { requests, fetchFn } = recordingTokenRequests();
      // the first request is refused with a challenge naming the PRM; the SDK discovers, gets a token and retries
      await sdk.connect(new StreamableHTTPClientTransport(new URL(mcp.url), { authProvider: provider, fetch: fetchFn }));
      const result = await sdk.callTool({ name: "read_ledger", arguments: {} });
      expect(result.content).toEqual([{ type: "text", text: "read_ledger called" }]);

      expect(requests).toHaveLength(1);
      expectSdkTokenRequest(requests[0]!, agent.clientId, mcp.url);
      const tokens = provider.tokens()!;
      expect(tokens.token_type).toBe("Bearer");
      const claims = decodeJwt(tokens.access_token);
      expect(claims).toMatchObject({ iss: issuer, sub: agent.id, client_id: agent.clientId, aud: mcp.url, scope: f.scope("read_ledger") });
      expect(claims.cnf).toBeUndefined();
      // the protected server accepted exactly that token
      expect(mcp.accepted.map((payload) => payload.jti)).toContain(claims.jti);
    } finally {
      await sdk.close();
      await mcp.close();
      await upstream.close();
    }
  });
});
