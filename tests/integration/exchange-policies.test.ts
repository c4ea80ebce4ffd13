// Exchange policies: which MCP server may exchange agent tokens (RFC 8693) for
// which downstream resource, with which scopes and how deep; admins only, one
// active policy per server and resource.
import { describe, expect, it } from "vitest";
import { POST as revokeRoute } from "@/app/api/v1/exchange-policies/[id]/revoke/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/exchange-policies/route";
import { db } from "@/lib/db/client";
import type { TExchangePolicy } from "@/lib/exchange/schemas";
import { seedIdentity } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { principal, type Principal } from "./helpers/registry";
import type { Problem } from "./helpers/tool-catalog";

function create(who: Principal, body: Record<string, unknown>) {
  return call<TExchangePolicy & Problem>(createRoute, { method: "POST", path: "/api/v1/exchange-policies", bearer: who.token, body });
}

function revoke(policyId: string, who: Principal, body: unknown = { reason: "replaced by a narrower policy" }) {
  return call<TExchangePolicy & Problem>(revokeRoute, { method: "POST", path: `/api/v1/exchange-policies/${policyId}/revoke`, params: { id: policyId }, bearer: who.token, body });
}

async function listed(who: Principal, query: string): Promise<string[]> {
  const result = await call<{ items: TExchangePolicy[] }>(listRoute, { path: `/api/v1/exchange-policies?${query}`, bearer: who.token });
  expect(result.status).toBe(200);
  return result.body.items.map((item) => item.id);
}

async function pair(owner: Principal) {
  const [server, resource] = await Promise.all([seedIdentity({ kind: "server", owner }), seedIdentity({ kind: "resource", owner })]);
  return { server, resource };
}

describe("exchange policies", () => {
  it("an admin creates one: default depth 4, scopes deduplicated and sorted, audited", async () => {
    const admin = await principal("admin");
    const { server, resource } = await pair(admin);
    const created = await create(admin, { serverId: server.id, resourceId: resource.id, scopes: ["write:issues", "read:issues", "read:issues", "https://api.example.test/admin"] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^xpl_/),
      server: { id: server.id, name: server.name, resourceUri: server.resourceUri },
      resource: { id: resource.id, name: resource.name, audienceUri: resource.resourceUri },
      scopes: ["https://api.example.test/admin", "read:issues", "write:issues"],
      maxDepth: 4,
      createdById: admin.id,
      revokedAt: null,
    });
    const row = await db().exchangePolicy.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(row.scopes).toEqual(["https://api.example.test/admin", "read:issues", "write:issues"]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: created.body.id } });
    expect(event).toMatchObject({ action: "exchange_policy.created", targetType: "exchange_policy" });
    expect(event.details).toMatchObject({ serverId: server.id, resourceId: resource.id, maxDepth: 4 });

    const other = await pair(admin);
    expect((await create(admin, { serverId: other.server.id, resourceId: other.resource.id, scopes: ["read"], maxDepth: 2 })).body.maxDepth).toBe(2);
    expect(await listed(admin, `serverId=${server.id}`)).toEqual([created.body.id]);
    expect(await listed(admin, `resourceId=${other.resource.id}`)).toHaveLength(1);
  });

  it("refuses invalid scopes and depths, naming the field, and writes nothing", async () => {
    const admin = await principal("admin");
    const { server, resource } = await pair(admin);
    const base = { serverId: server.id, resourceId: resource.id };
    const invalidScopes = await create(admin, { ...base, scopes: ["ok", "has space", 'say "hi"', "back\\slash", "", "x".repeat(201), "tab\there"] });
    expect(invalidScopes.status).toBe(422);
    expect(invalidScopes.body.errors?.map((issue) => issue.path)).toEqual(["scopes.1", "scopes.2", "scopes.3", "scopes.4", "scopes.5", "scopes.6"]);
    for (const [body, path] of [
      [{ ...base, scopes: [] }, "scopes"],
      [{ ...base }, "scopes"],
      [{ ...base, scopes: ["read"], maxDepth: 0 }, "maxDepth"],
      [{ ...base, scopes: ["read"], maxDepth: 9 }, "maxDepth"],
      [{ ...base, scopes: ["read"], maxDepth: 2.5 }, "maxDepth"],
    ] as const) {
      const result = await create(admin, body);
      expect(result.status, JSON.stringify(body)).toBe(422);
      expect(result.body.errors?.map((issue) => issue.path)).toEqual([path]);
    }
    expect(await db().exchangePolicy.count({ where: { serverId: server.id } })).toBe(0);
  });

  it("refuses the wrong kinds of identity and unknown ones (422), and unusable ones (409)", async () => {
    const admin = await principal("admin");
    const { server, resource } = await pair(admin);
    const agent = await seedIdentity({ kind: "agent", owner: admin });
    const cases: [Record<string, unknown>, string][] = [
      [{ serverId: agent.id, resourceId: resource.id }, "serverId"],
      [{ serverId: server.id, resourceId: server.id }, "resourceId"],
      [{ serverId: resource.id, resourceId: resource.id }, "serverId"],
      [{ serverId: `srv_${"0".repeat(26)}`, resourceId: resource.id }, "serverId"],
      [{ serverId: server.id, resourceId: `res_${"0".repeat(26)}` }, "resourceId"],
    ];
    for (const [ids, path] of cases) {
      const result = await create(admin, { ...ids, scopes: ["read"] });
      expect(result.status, JSON.stringify(ids)).toBe(422);
      expect(result.body.errors?.map((issue) => issue.path)).toEqual([path]);
    }
    for (const status of ["suspended", "revoked"] as const) {
      const blockedServer = await seedIdentity({ kind: "server", owner: admin, status });
      const blockedResource = await seedIdentity({ kind: "resource", owner: admin, status });
      expect((await create(admin, { serverId: blockedServer.id, resourceId: resource.id, scopes: ["read"] })).status, `server ${status}`).toBe(409);
      expect((await create(admin, { serverId: server.id, resourceId: blockedResource.id, scopes: ["read"] })).status, `resource ${status}`).toBe(409);
    }
    expect(await db().exchangePolicy.count({ where: { OR: [{ serverId: server.id }, { resourceId: resource.id }] } })).toBe(0);
  });

  it("allows one active policy per server and resource; after revoking, a new one can be created", async () => {
    const admin = await principal("admin");
    const { server, resource } = await pair(admin);
    const first = await create(admin, { serverId: server.id, resourceId: resource.id, scopes: ["read"] });
    const duplicate = await create(admin, { serverId: server.id, resourceId: resource.id, scopes: ["write"] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toContain(first.body.id);
    expect(duplicate.body.errors?.[0]?.path).toBe("resourceId");

    expect((await revoke(first.body.id, admin, {})).status).toBe(422);
    const revoked = await revoke(first.body.id, admin, { reason: "scopes too broad" });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ revokedAt: expect.any(String), revokedReason: "scopes too broad" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: first.body.id, action: "exchange_policy.revoked" } });
    expect(event.details).toMatchObject({ serverId: server.id, resourceId: resource.id, reason: "scopes too broad" });
    expect((await revoke(first.body.id, admin)).status).toBe(409);
    expect((await revoke(`xpl_${"0".repeat(26)}`, admin)).status).toBe(404);

    const second = await create(admin, { serverId: server.id, resourceId: resource.id, scopes: ["write"], maxDepth: 1 });
    expect(second.status).toBe(201);
    expect(await listed(admin, `serverId=${server.id}`)).toEqual([second.body.id]);
    expect((await listed(admin, `serverId=${server.id}&includeRevoked=true`)).sort()).toEqual([first.body.id, second.body.id].sort());
  });

  it("owners and auditors may read but not create or revoke", async () => {
    const [admin, owner, auditor] = await Promise.all([principal("admin"), principal("owner"), principal("auditor")]);
    const { server, resource } = await pair(owner);
    for (const who of [owner, auditor]) {
      const refused = await create(who, { serverId: server.id, resourceId: resource.id, scopes: ["read"] });
      expect(refused.status, who.role).toBe(403);
      expect(refused.body.code).toBe("forbidden");
    }
    expect(await db().exchangePolicy.count({ where: { serverId: server.id } })).toBe(0);
    const policy = await create(admin, { serverId: server.id, resourceId: resource.id, scopes: ["read"] });
    for (const who of [owner, auditor]) {
      expect((await revoke(policy.body.id, who)).status, who.role).toBe(403);
      expect(await listed(who, `serverId=${server.id}`)).toEqual([policy.body.id]);
    }
    expect((await db().exchangePolicy.findUniqueOrThrow({ where: { id: policy.body.id } })).revokedAt).toBeNull();
  });
});
