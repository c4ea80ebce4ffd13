// The enforcement SDK end to end, over real sockets: a real MCP server (the
// official SDK, Streamable HTTP) protected by the SDK and fed by Warden's lean
// HTTP routes (metadata, JWKS, token endpoint, policy bundle, events), and a
// real MCP SDK client whose fetch is the SDK's DPoP wrapper. The agent may
// read, may not wire money, and loses read access within a second of its
// grant being revoked; every refusal is spec-shaped, and every decision
// reaches Warden's audit log attributed to the server.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import crypto from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createDpopFetch, type DpopFetch } from "@/lib/gateway/dpop-fetch";
import { accessTokenHash } from "@/lib/gateway/dpop-proof";
import { LEDGER_TOOLS, startLedgerServer, type LedgerServer } from "@/lib/gateway/example-ledger-server";
import { createGrant } from "@/lib/grants/create-grant";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import { updateIdentity } from "@/lib/identities/update-identity";
import { ISSUER } from "@/lib/oauth/config";
import { oauthFixture, testKey, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { startFastRoutesServer } from "./helpers/fast-routes-server";

let warden: Awaited<ReturnType<typeof startFastRoutesServer>>;
let f: OAuthFixture;
let ledger: LedgerServer;
let dpopKey: Awaited<ReturnType<typeof generateKeyPair>>;
let agentFetch: DpopFetch;
let agentProofKey: ProofKey;
let client: Client;
const dpopKeyAlg = "ES256";

/** fetch that sends requests for Warden's public URLs to the test server */
const routed: typeof fetch = async (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(ISSUER(), warden.origin), init);

const until = async (condition: () => Promise<boolean> | boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!(await condition()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
};

async function connectClient(fetchImpl: DpopFetch): Promise<Client> {
  const mcp = new Client({ name: "test-agent", version: "1.0.0" });
  await mcp.connect(new StreamableHTTPClientTransport(new URL(ledger.url), { fetch: fetchImpl }));
  return mcp;
}

beforeAll(async () => {
  warden = await startFastRoutesServer();
  f = await oauthFixture();
  ledger = await startLedgerServer({ issuer: ISSUER(), fetch: routed, waitSeconds: 20 });
  await updateIdentity({ actor: SYSTEM_ACTOR, kind: "server", identityId: f.server.id, input: { resourceUri: ledger.url } });
  await ledger.start({ serverId: f.server.id, key: f.serverKey });
  dpopKey = await generateKeyPair(dpopKeyAlg);
  agentProofKey = { privateKey: dpopKey.privateKey, publicJwk: await exportJWK(dpopKey.publicKey), alg: dpopKeyAlg };
  agentFetch = createDpopFetch({ issuer: ISSUER(), clientId: f.agent.clientId, clientKey: f.agentKey, dpopKey: { ...dpopKey, alg: dpopKeyAlg }, resource: ledger.url, fetch: routed });
  client = await connectClient(agentFetch);
});

afterAll(async () => {
  await client?.close();
  await ledger?.close();
  await warden?.close();
});

type ProofKey = { privateKey: TestKey["privateKey"]; publicJwk: JWK; alg: string };

/** A DPoP proof for a request to the ledger server, built by hand so each field can be wrong. */
async function proof(token: string, overrides: { htm?: string; htu?: string; ath?: string; iat?: number; key?: ProofKey } = {}) {
  const key = overrides.key ?? agentProofKey;
  return new SignJWT({ htm: overrides.htm ?? "POST", htu: overrides.htu ?? ledger.url, ath: overrides.ath ?? accessTokenHash(token), iat: overrides.iat ?? Math.floor(Date.now() / 1000), jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: key.alg, typ: "dpop+jwt", jwk: key.publicJwk })
    .sign(key.privateKey);
}

const listToolsBody = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} });
const callBody = (name: string, args: Record<string, unknown> = {}) => JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name, arguments: args } });

async function post(headers: Record<string, string>, body = listToolsBody) {
  const response = await fetch(ledger.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body });
  const text = await response.text();
  return { status: response.status, challenge: response.headers.get("www-authenticate") ?? "", body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe("an MCP server protected by the enforcement SDK", () => {
  it("lists only the tools the agent may call, runs the read tool and refuses the irreversible one", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([LEDGER_TOOLS.read.name]);

    const result = await client.callTool({ name: LEDGER_TOOLS.read.name, arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(ledger.executed).toContainEqual({ tool: LEDGER_TOOLS.read.name, agentId: f.agent.id });

    // the MCP SDK raises StreamableHTTPError with the HTTP status as its code
    await expect(client.callTool({ name: LEDGER_TOOLS.irreversible.name, arguments: { amount: 10 } })).rejects.toMatchObject({ code: 403, message: expect.stringContaining("insufficient_scope") });
    expect(ledger.executed.some((call) => call.tool === LEDGER_TOOLS.irreversible.name)).toBe(false);

    const token = await agentFetch.accessToken();
    const refused = await post({ authorization: `DPoP ${token}`, dpop: await proof(token) }, callBody(LEDGER_TOOLS.irreversible.name, { amount: 10 }));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: "insufficient_scope", scope: f.scope(LEDGER_TOOLS.irreversible.name) });
    expect(refused.challenge).toContain(`DPoP algs="ES256 EdDSA PS256", error="insufficient_scope"`);
    expect(refused.challenge).toContain(`scope="${f.scope(LEDGER_TOOLS.irreversible.name)}"`);
    expect(refused.challenge).toContain(`resource_metadata="${new URL(ledger.url).origin}/.well-known/oauth-protected-resource/mcp"`);
  });

  it("publishes RFC 9728 metadata that names Warden and the approved tool scopes", async () => {
    const response = await fetch(`${new URL(ledger.url).origin}/.well-known/oauth-protected-resource/mcp`);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ resource: ledger.url, authorization_servers: [ISSUER()], bearer_methods_supported: ["header"] });
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining([f.scope("read_ledger"), f.scope("wire_money")]));
    expect(metadata.scopes_supported).not.toContain(f.scope("unapproved_tool"));
  });

  it("refuses requests that fail RFC 9449 §7 with spec-shaped 401s", async () => {
    const token = await agentFetch.accessToken();
    const other = await testKey();
    const now = Math.floor(Date.now() / 1000);
    const replayed = await proof(token);
    expect((await post({ authorization: `DPoP ${token}`, dpop: replayed })).status).toBe(200);
    const [header, payload] = token.split(".");
    const tampered = `${header}.${payload}.${Buffer.from("not the signature").toString("base64url")}`;
    const cases: [string, () => Promise<Record<string, string>>, string, string][] = [
      ["no credentials", async () => ({}), "invalid_token", "requires an access token"],
      ["a DPoP-bound token sent as Bearer", async () => ({ authorization: `Bearer ${token}` }), "invalid_token", "DPoP-bound"],
      ["no DPoP proof", async () => ({ authorization: `DPoP ${token}` }), "invalid_dpop_proof", "Send a DPoP proof"],
      ["a proof for another method", async () => ({ authorization: `DPoP ${token}`, dpop: await proof(token, { htm: "GET" }) }), "invalid_dpop_proof", "htm must be POST"],
      ["a proof for another URL", async () => ({ authorization: `DPoP ${token}`, dpop: await proof(token, { htu: "https://elsewhere.example.test/mcp" }) }), "invalid_dpop_proof", "htu must be"],
      ["a proof for another token", async () => ({ authorization: `DPoP ${token}`, dpop: await proof(token, { ath: accessTokenHash("another token") }) }), "invalid_dpop_proof", "ath does not match"],
      ["a proof older than 60 s", async () => ({ authorization: `DPoP ${token}`, dpop: await proof(token, { iat: now - 120 }) }), "invalid_dpop_proof", "older than 60 s"],
      ["a proof from the future", async () => ({ authorization: `DPoP ${token}`, dpop: await proof(token, { iat: now + 120 }) }), "invalid_dpop_proof", "in the future"],
      ["a proof made with another key", async () => ({ authorization: `DPoP ${token}`, dpop: await proof(token, { key: other }) }), "invalid_dpop_proof", "not made with the key the access token is bound to"],
      ["a replayed proof", async () => ({ authorization: `DPoP ${token}`, dpop: replayed }), "invalid_dpop_proof", "already used"],
      ["a token whose signature was changed", async () => ({ authorization: `DPoP ${tampered}`, dpop: await proof(tampered) }), "invalid_token", "not valid"],
      ["a token that is not a JWT", async () => ({ authorization: "DPoP abc.def", dpop: await proof("abc.def") }), "invalid_token", "not a JWT"],
    ];
    for (const [name, headers, error, description] of cases) {
      const reply = await post(await headers());
      expect(reply.status, name).toBe(401);
      expect(reply.body, name).toMatchObject({ error, error_description: expect.stringContaining(description) });
      expect(reply.challenge, name).toMatch(/^DPoP algs="ES256 EdDSA PS256", .*resource_metadata="[^"]+", Bearer .*resource_metadata="[^"]+"$/);
      if (name !== "no credentials") expect(reply.challenge, name).toContain(`error="${error}"`);
      else expect(reply.challenge, name).not.toContain("error=");
    }
  });

  it("refuses a Warden token issued for another MCP server", async () => {
    const g = await oauthFixture();
    const key = await generateKeyPair("ES256");
    const elsewhere = createDpopFetch({ issuer: ISSUER(), clientId: g.agent.clientId, clientKey: g.agentKey, dpopKey: { ...key, alg: "ES256" }, resource: g.server.resourceUri!, fetch: routed });
    const token = await elsewhere.accessToken();
    const reply = await post({ authorization: `DPoP ${token}`, dpop: await proof(token, { key: { privateKey: key.privateKey, publicJwk: await exportJWK(key.publicKey), alg: "ES256" } }) });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ error: "invalid_token", error_description: `The access token is not for this MCP server (${ledger.url})` });
  });

  it("enforces a grant revocation within a second of revokeGrant returning, and reports every decision to Warden", async () => {
    expect((await client.callTool({ name: LEDGER_TOOLS.read.name, arguments: {} })).isError).toBeFalsy();
    const revisionBefore = ledger.bundles.current()!.revision;

    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "enforcement test" } });
    const returned = Date.now();
    let refusedAt = 0;
    const refused = await until(async () => {
      try {
        await client.callTool({ name: LEDGER_TOOLS.read.name, arguments: {} });
        return false;
      } catch (error) {
        refusedAt = Date.now();
        return (error as { code?: number }).code === 403;
      }
    }, 5000);
    expect(refused).toBe(true);
    const elapsed = refusedAt - returned;
    console.info(`revokeGrant returned → the MCP server refused the tool: ${elapsed} ms`);
    expect(elapsed).toBeLessThan(1000);
    expect(ledger.bundles.current()!.revision).toBeGreaterThan(revisionBefore);
    expect((await client.listTools()).tools).toEqual([]);

    await ledger.events.flush();
    expect(ledger.events.stats()).toMatchObject({ buffered: 0, dropped: 0 });
    const events = await db().auditEvent.findMany({ where: { actorId: f.server.id, action: { in: ["mcp.decision", "mcp.tool_call"] } }, orderBy: { seq: "asc" } });
    const summary = events.map((event) => `${event.action} ${event.outcome} ${(event.details as { tool?: string }).tool ?? "-"}`);
    expect(summary).toEqual(expect.arrayContaining(["mcp.decision success read_ledger", "mcp.tool_call success read_ledger", "mcp.decision denied wire_money", "mcp.decision denied read_ledger"]));
    const allowed = events.find((event) => event.action === "mcp.decision" && event.outcome === "success")!;
    expect(allowed).toMatchObject({ actorType: "identity", actorId: f.server.id, targetType: "identity", targetId: f.server.id });
    expect(allowed.details).toMatchObject({ agentId: f.agent.id, clientId: f.agent.clientId, serverId: f.server.id, method: "tools/call", scope: f.scope("read_ledger"), decision: "allow", act: [] });
    expect((allowed.details as { policyRevision: number }).policyRevision).toBeGreaterThan(0);
    expect((allowed.details as { latencyMs: number }).latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("refuses every request of a suspended agent with 401 invalid_token, within a second", async () => {
    const g = await oauthFixture();
    const key = await generateKeyPair("ES256");
    const proofKey = { privateKey: key.privateKey, publicJwk: await exportJWK(key.publicKey), alg: "ES256" };
    const read = await db().tool.findFirstOrThrow({ where: { serverId: f.server.id, name: LEDGER_TOOLS.read.name } });
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: g.agent.id, serverId: f.server.id, toolIds: [read.id], justification: "suspension test" } });
    const token = await createDpopFetch({ issuer: ISSUER(), clientId: g.agent.clientId, clientKey: g.agentKey, dpopKey: { ...key, alg: "ES256" }, resource: ledger.url, fetch: routed }).accessToken();
    const call = async () => post({ authorization: `DPoP ${token}`, dpop: await proof(token, { key: proofKey }) }, callBody(LEDGER_TOOLS.read.name));
    expect(await until(async () => (await call()).status === 200, 3000)).toBe(true);

    await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: g.agent.id, change: "suspend", reason: "enforcement test" });
    const returned = Date.now();
    let reply = await call();
    while (reply.status === 200 && Date.now() - returned < 3000) reply = await call();
    expect(Date.now() - returned).toBeLessThan(1000);
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ error: "invalid_token", error_description: "The agent is suspended in Warden" });
    expect(reply.challenge).toContain('DPoP algs="ES256 EdDSA PS256", error="invalid_token"');
  });
});
