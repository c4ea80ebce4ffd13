// RFC 9728 Protected Resource Metadata per MCP server: on the management API
// and publicly (cacheable, with ETag/304), listing only approved tool scopes,
// and requiring DPoP unless an active Bearer agent holds a grant on the server.
import { afterEach, describe, expect, it } from "vitest";
import { POST as revokeGrantRoute } from "@/app/api/v1/grants/[id]/revoke/route";
import { GET as prmRoute } from "@/app/api/v1/servers/[id]/protected-resource-metadata/route";
import { POST as disableRoute } from "@/app/api/v1/servers/[id]/tools/[toolId]/disable/route";
import { GET as publicRoute } from "@/app/identities/[id]/oauth-protected-resource/route";
import type { RouteHandler } from "@/lib/api/handle";
import type { ProtectedResourceMetadata } from "@/lib/catalog/protected-resource-metadata";
import { publicUrl, resetEnvCache } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { seedIdentity } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { lifecycle, principal, type Principal } from "./helpers/registry";
import { applyUpload, approvedCatalog, grant, HINTS, justification, reported, review } from "./helpers/tool-catalog";

type Document = ProtectedResourceMetadata;

function managed(serverId: string, who: Principal) {
  return call<Document & { code?: string }>(prmRoute, { path: `/api/v1/servers/${serverId}/protected-resource-metadata`, params: { id: serverId }, bearer: who.token });
}

// a public document outside the management API: its handler takes only { id }
function published(serverId: string, headers: Record<string, string> = {}) {
  return call<Document & { error?: string }>(publicRoute as RouteHandler, { path: `/identities/${serverId}/oauth-protected-resource`, params: { id: serverId }, headers });
}

async function dpopRequired(serverId: string, who: Principal): Promise<boolean> {
  const result = await managed(serverId, who);
  expect(result.status).toBe(200);
  return result.body.dpop_bound_access_tokens_required;
}

/** A server with approved tools, and tools that must not be published. */
async function serverWithCatalog(owner: Principal) {
  const server = await seedIdentity({ kind: "server", owner });
  await approvedCatalog(server.id, owner, { "b-write": "write", "a-read": "read", "c-off": "irreversible", "d-gone": "read" }, ["e-new"]);
  const tools = await applyUpload(server.id, owner, [reported("a-read", HINTS.read), reported("b-write", HINTS.write), reported("c-off", HINTS.irreversible), reported("e-new")]);
  const toolId = tools["c-off"]!.id;
  const disabled = await call(disableRoute, { method: "POST", path: `/api/v1/servers/${server.id}/tools/${toolId}/disable`, params: { id: server.id, toolId }, bearer: owner.token, body: {} });
  expect(disabled.status).toBe(200);
  return { server, tools };
}

const savedUrl = process.env.WARDEN_URL;
afterEach(() => {
  if (savedUrl === undefined) delete process.env.WARDEN_URL;
  else process.env.WARDEN_URL = savedUrl;
  resetEnvCache();
});

describe("Protected Resource Metadata", () => {
  it("the management endpoint returns the RFC 9728 document with only approved, reported tool scopes", async () => {
    process.env.WARDEN_URL = "https://warden.example.test/";
    resetEnvCache();
    const owner = await principal("owner");
    const { server } = await serverWithCatalog(owner);
    const result = await managed(server.id, owner);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      resource: server.resourceUri,
      authorization_servers: ["https://warden.example.test"],
      scopes_supported: [`mcp:${server.slug}:a-read`, `mcp:${server.slug}:b-write`],
      bearer_methods_supported: ["header"],
      dpop_signing_alg_values_supported: expect.arrayContaining(["ES256"]),
      dpop_bound_access_tokens_required: true,
      tls_client_certificate_bound_access_tokens: false,
      resource_name: server.name,
    });
    expect(result.body.dpop_signing_alg_values_supported.every((alg) => typeof alg === "string" && alg !== "none" && !alg.startsWith("HS"))).toBe(true);
  });

  it("authorization_servers is Warden's public URL", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    expect((await managed(server.id, owner)).body.authorization_servers).toEqual([publicUrl()]);
    expect((await managed(server.id, owner)).body.scopes_supported).toEqual([]);
  });

  it("requires DPoP-bound tokens unless an active Bearer agent holds a live grant on the server", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server } = await serverWithCatalog(owner);
    const other = await serverWithCatalog(owner);
    const dpopAgent = await seedIdentity({ kind: "agent", owner });
    const bearerAgent = await seedIdentity({ kind: "agent", owner, extra: { dpopRequired: false } });

    expect((await grant(admin, { agentId: dpopAgent.id, serverId: server.id, shortcut: "all", justification: justification() })).status).toBe(201);
    expect(await dpopRequired(server.id, owner)).toBe(true);
    // a Bearer agent's grant elsewhere does not matter here
    expect((await grant(admin, { agentId: bearerAgent.id, serverId: other.server.id, shortcut: "all", justification: justification() })).status).toBe(201);
    expect(await dpopRequired(server.id, owner)).toBe(true);
    expect(await dpopRequired(other.server.id, owner)).toBe(false);

    const bearerGrant = await grant(admin, { agentId: bearerAgent.id, serverId: server.id, shortcut: "all-read", justification: justification() });
    expect(bearerGrant.status).toBe(201);
    expect(await dpopRequired(server.id, owner)).toBe(false);

    expect((await lifecycle("suspend", bearerAgent.id, admin, { reason: "investigating" })).status).toBe(200);
    expect(await dpopRequired(server.id, owner)).toBe(true);
    expect((await lifecycle("resume", bearerAgent.id, admin)).status).toBe(200);
    expect(await dpopRequired(server.id, owner)).toBe(false);

    await db().grant.update({ where: { id: bearerGrant.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await dpopRequired(server.id, owner), "an expired grant no longer counts").toBe(true);
    await db().grant.update({ where: { id: bearerGrant.body.id }, data: { expiresAt: null } });
    expect(await dpopRequired(server.id, owner)).toBe(false);

    const revoked = await call(revokeGrantRoute, { method: "POST", path: `/api/v1/grants/${bearerGrant.body.id}/revoke`, params: { id: bearerGrant.body.id }, bearer: admin.token, body: { reason: "moving to DPoP" } });
    expect(revoked.status).toBe(200);
    expect(await dpopRequired(server.id, owner)).toBe(true);
  });

  it("the public route serves the same document as JSON with an ETag, and 304 for a matching If-None-Match", async () => {
    const owner = await principal("owner");
    const { server, tools } = await serverWithCatalog(owner);
    const first = await published(server.id);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    expect(first.headers.get("cache-control")).toContain("public");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.body).toEqual((await managed(server.id, owner)).body);

    for (const header of [etag!, `W/${etag}`, `"something-else", ${etag}`, "*"]) {
      const cached = await published(server.id, { "if-none-match": header });
      expect(cached.status, header).toBe(304);
      expect(cached.text).toBe("");
      expect(cached.headers.get("etag")).toBe(etag);
    }
    expect((await published(server.id, { "if-none-match": '"stale"' })).status).toBe(200);

    // approving a tool changes the document and its ETag
    expect((await review(server.id, owner, [{ toolId: tools["e-new"]!.id, tier: "irreversible" }])).status).toBe(200);
    const changed = await published(server.id, { "if-none-match": etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(changed.body.scopes_supported).toContain(`mcp:${server.slug}:e-new`);
  });

  it("unknown, malformed, non-server and inactive servers are 404", async () => {
    const owner = await principal("owner");
    const agent = await seedIdentity({ kind: "agent", owner });
    const ids = [`srv_${"0".repeat(26)}`, "not-an-id", agent.id];
    for (const status of ["pending", "suspended", "revoked"] as const) ids.push((await seedIdentity({ kind: "server", owner, status })).id);
    for (const id of ids) {
      const result = await published(id);
      expect(result.status, id).toBe(404);
      expect(result.headers.get("etag"), id).toBeNull();
      expect(result.body.error).toBe("not_found");
    }
    for (const id of ids.slice(3)) expect((await managed(id, owner)).status, id).toBe(404);
    expect((await managed(`srv_${"0".repeat(26)}`, owner)).status).toBe(404);
  });
});
