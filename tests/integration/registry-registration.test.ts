// Registering identities of each kind: what is stored, approval rules, and
// precise refusals that change nothing.
import { describe, expect, it } from "vitest";
import { POST as registerAgentRoute } from "@/app/api/v1/agents/route";
import { POST as registerGatewayRoute } from "@/app/api/v1/gateways/route";
import { POST as registerResourceRoute } from "@/app/api/v1/resources/route";
import { POST as registerServerRoute } from "@/app/api/v1/servers/route";
import { PATCH as updateGatewayRoute } from "@/app/api/v1/gateways/[id]/route";
import type { RouteHandler } from "@/lib/api/handle";
import { db } from "@/lib/db/client";
import { seedIdentity, seedUser, uniqueSuffix } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { principal, type Principal } from "./helpers/registry";

type Problem = { code: string; detail: string; errors?: { path: string; message: string }[] };
const ROUTES: Record<string, RouteHandler> = { servers: registerServerRoute, agents: registerAgentRoute, resources: registerResourceRoute, gateways: registerGatewayRoute };

function register<T = Record<string, unknown>>(plural: string, who: Principal, body: Record<string, unknown>) {
  return call<T>(ROUTES[plural]!, { method: "POST", path: `/api/v1/${plural}`, bearer: who.token, body });
}

describe("registering identities", () => {
  it("stores each kind's own fields", async () => {
    const admin = await principal("admin");
    const backup = await seedUser({ role: "owner" });
    const s = uniqueSuffix();
    const server = await register<Record<string, unknown>>("servers", admin, {
      name: `Payments ${s}`,
      ownerId: admin.id,
      backupOwnerId: backup.id,
      resourceUri: `https://pay-${s}.example.test/mcp`,
      transport: "sse",
      sourceRepository: "https://github.com/acme/payments-mcp",
      registryName: `io.github.acme/payments-${s}`,
      tags: ["Finance", "pci", "finance"],
      environment: "production",
    });
    expect(server.status).toBe(201);
    expect(server.body).toMatchObject({
      kind: "server",
      slug: `payments-${s}`,
      status: "pending",
      environment: "production",
      transport: "sse",
      registryName: `io.github.acme/payments-${s}`,
      tags: ["finance", "pci"],
      backupOwner: { id: backup.id },
      clientId: null,
      jwksUri: expect.stringMatching(/\/identities\/srv_[0-9a-z]{26}\/jwks\.json$/),
    });

    const agent = await register<Record<string, unknown>>("agents", admin, { name: `Agent ${s}`, ownerId: admin.id, dpopRequired: false, tokenLifetimeSeconds: 120 });
    expect(agent.body).toMatchObject({ kind: "agent", clientId: expect.stringMatching(/^cli_[0-9a-z]{26}$/), dpopRequired: false, tokenLifetimeSeconds: 120, resourceUri: null });

    const resource = await register<Record<string, unknown>>("resources", admin, { name: `Ledger ${s}`, ownerId: admin.id, audienceUri: `urn:acme:ledger-${s}` });
    expect(resource.body).toMatchObject({ kind: "resource", resourceUri: `urn:acme:ledger-${s}` });

    const gateway = await register<Record<string, unknown>>("gateways", admin, { name: `Edge ${s}`, ownerId: admin.id, serverIds: [server.body.id] });
    expect(gateway.body).toMatchObject({ kind: "gateway", frontsAllServers: false, frontedServerIds: [server.body.id] });
    const all = await register<Record<string, unknown>>("gateways", admin, { name: `Edge all ${s}`, ownerId: admin.id, frontsAllServers: true });
    expect(all.body).toMatchObject({ frontsAllServers: true, frontedServerIds: [] });
  });

  it("approves development identities at once when the setting is on, otherwise leaves them pending", async () => {
    const owner = await principal("owner");
    const dev = await register<{ status: string; id: string }>("agents", owner, { name: `dev ${uniqueSuffix()}`, ownerId: owner.id, environment: "development" });
    expect(dev.body.status).toBe("active");
    const events = await db().auditEvent.findMany({ where: { targetId: dev.body.id }, orderBy: { seq: "asc" } });
    expect(events.map((event) => [event.action, event.actorType])).toEqual([
      ["identity.registered", "api_token"],
      ["identity.approved", "system"],
    ]);
    for (const environment of ["staging", "production"]) {
      expect((await register<{ status: string }>("agents", owner, { name: `x ${uniqueSuffix()}`, ownerId: owner.id, environment })).body.status).toBe("pending");
    }
  });

  it("refuses bad input precisely and writes nothing", async () => {
    const admin = await principal("admin");
    const inactive = await seedUser({ role: "owner" });
    await db().user.update({ where: { id: inactive.id }, data: { active: false } });
    const taken = await seedIdentity({ kind: "server", owner: admin });
    const before = await db().identity.count();
    const cases: [string, Record<string, unknown>, number, string][] = [
      ["servers", { name: "x", ownerId: admin.id, resourceUri: "http://example.com/mcp" }, 422, "resourceUri"],
      ["servers", { name: "x", ownerId: admin.id, resourceUri: "https://{tenant}.example.com/mcp" }, 422, "resourceUri"],
      ["servers", { name: "x", ownerId: admin.id, resourceUri: taken.resourceUri }, 409, "resourceUri"],
      ["resources", { name: "x", ownerId: admin.id, audienceUri: taken.resourceUri }, 409, "audienceUri"],
      ["resources", { name: "x", ownerId: admin.id, audienceUri: "ftp://x" }, 422, "audienceUri"],
      ["servers", { name: "x", slug: taken.slug, ownerId: admin.id, resourceUri: `https://${uniqueSuffix()}.example.test/mcp` }, 409, "slug"],
      ["servers", { name: "x", slug: "No Caps", ownerId: admin.id, resourceUri: `https://${uniqueSuffix()}.example.test/mcp` }, 422, "slug"],
      ["servers", { name: "x", ownerId: admin.id, resourceUri: `https://${uniqueSuffix()}.example.test/mcp`, registryName: "not a registry name" }, 422, "registryName"],
      ["agents", { name: "x", ownerId: inactive.id }, 422, "ownerId"],
      ["agents", { name: "x", ownerId: "usr_00000000000000000000000000" }, 422, "ownerId"],
      ["agents", { name: "x", ownerId: admin.id, backupOwnerId: admin.id }, 422, "backupOwnerId"],
      ["agents", { name: "x", ownerId: admin.id, backupOwnerId: inactive.id }, 422, "backupOwnerId"],
      ["agents", { name: "x", ownerId: admin.id, tokenLifetimeSeconds: 86400 }, 422, "tokenLifetimeSeconds"],
      ["agents", { name: "x", ownerId: admin.id, tags: ["has space"] }, 422, "tags.0"],
      ["agents", { name: "", ownerId: admin.id }, 422, "name"],
      ["agents", { name: "x", ownerId: admin.id, clientId: "chosen" }, 422, "clientId"],
      ["gateways", { name: "x", ownerId: admin.id, serverIds: ["srv_00000000000000000000000000"] }, 422, "serverIds"],
      ["gateways", { name: "x", ownerId: admin.id, serverIds: [taken.id.replace("srv_", "agt_")] }, 422, "serverIds.0"],
    ];
    for (const [plural, body, status, path] of cases) {
      const result = await register<Problem>(plural, admin, body);
      expect(result.status, `${plural} ${JSON.stringify(body)}`).toBe(status);
      expect(result.body.errors?.map((issue) => issue.path), `${plural} ${JSON.stringify(body)}`).toContain(path);
    }
    expect(await db().identity.count()).toBe(before);
  });

  it("changes a gateway's fronted servers and audits the change", async () => {
    const admin = await principal("admin");
    const [a, b] = [await seedIdentity({ kind: "server", owner: admin }), await seedIdentity({ kind: "server", owner: admin })];
    const gateway = await seedIdentity({ kind: "gateway", owner: admin, extra: { serverIds: [a.id] } });
    const result = await call<{ frontedServerIds: string[] }>(updateGatewayRoute, { method: "PATCH", path: `/api/v1/gateways/${gateway.id}`, params: { id: gateway.id }, bearer: admin.token, body: { serverIds: [b.id, a.id] } });
    expect(result.status).toBe(200);
    expect(result.body.frontedServerIds).toEqual([a.id, b.id].sort());
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: gateway.id, action: "identity.updated" } });
    expect(event.details).toMatchObject({ changes: { serverIds: { from: [a.id], to: [a.id, b.id].sort() } } });
  });
});
