// Grants: an agent gets approved tool scopes on one server, with a
// justification, optional expiry and the granting admin; shortcuts expand at
// grant time; refused for unusable identities and tools; expiry needs no job;
// revocation records a reason.
import { describe, expect, it } from "vitest";
import { POST as revokeRoute } from "@/app/api/v1/grants/[id]/revoke/route";
import { GET as getGrantRoute } from "@/app/api/v1/grants/[id]/route";
import { GET as listGrantsRoute } from "@/app/api/v1/grants/route";
import { POST as disableRoute } from "@/app/api/v1/servers/[id]/tools/[toolId]/disable/route";
import { db } from "@/lib/db/client";
import { effectiveAccess as effectiveAccessOf } from "@/lib/grants/effective-access";
import { listGrants } from "@/lib/grants/list-grants";
import type { TGrant } from "@/lib/grants/schemas";
import { seedIdentity } from "@/lib/seed/factories";
import { grantConfirmed } from "./helpers/access-requests";
import { call } from "./helpers/http";
import { principal, type Principal } from "./helpers/registry";
import { applyUpload, approvedCatalog, effectiveAccess, grant, HINTS, justification, reported, review, type Problem } from "./helpers/tool-catalog";

function revoke(grantId: string, who: Principal, body: unknown = { reason: "no longer needed" }) {
  return call<TGrant & Problem>(revokeRoute, { method: "POST", path: `/api/v1/grants/${grantId}/revoke`, params: { id: grantId }, bearer: who.token, body });
}

async function listed(who: Principal, query: string): Promise<string[]> {
  const result = await call<{ items: TGrant[] }>(listGrantsRoute, { path: `/api/v1/grants?${query}`, bearer: who.token });
  expect(result.status).toBe(200);
  return result.body.items.map((item) => item.id);
}

/** A server with approved tools of each tier, plus tools that cannot be granted. */
async function serverWithTools(owner: Principal) {
  const server = await seedIdentity({ kind: "server", owner });
  await approvedCatalog(server.id, owner, { "read-a": "read", "read-b": "read", "write-a": "write", "wipe-a": "irreversible", "off-a": "read", "gone-a": "read" }, ["new-a"]);
  const all = await applyUpload(
    server.id,
    owner,
    ["read-a", "read-b", "off-a"].map((name) => reported(name, HINTS.read)).concat([reported("write-a", HINTS.write), reported("wipe-a", HINTS.irreversible), reported("new-a")]),
  );
  const disabled = await call(disableRoute, { method: "POST", path: `/api/v1/servers/${server.id}/tools/${all["off-a"]!.id}/disable`, params: { id: server.id, toolId: all["off-a"]!.id }, bearer: owner.token, body: {} });
  expect(disabled.status).toBe(200);
  const removed = await db().tool.findUniqueOrThrow({ where: { serverId_name: { serverId: server.id, name: "gone-a" } } });
  expect(removed.removedAt).not.toBeNull();
  const tools: Record<string, { id: string; scope: string }> = { ...all, "gone-a": { id: removed.id, scope: removed.scope } };
  return { server, tools };
}

describe("creating grants", () => {
  it("grants explicit approved tools with a justification, recording who granted, and audits it", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server, tools } = await serverWithTools(owner);
    const agent = await seedIdentity({ kind: "agent", owner });
    const reason = justification();
    const created = await grant(admin, { agentId: agent.id, serverId: server.id, toolIds: [tools["write-a"]!.id, tools["read-a"]!.id], justification: `  ${reason}  ` });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^grt_/),
      agent: { id: agent.id, slug: agent.slug },
      server: { id: server.id, slug: server.slug },
      justification: reason,
      expiresAt: null,
      grantedById: admin.id,
      state: "active",
      revokedAt: null,
    });
    expect(created.body.tools.map((item) => [item.name, item.scope, item.tier])).toEqual([
      ["read-a", `mcp:${server.slug}:read-a`, "read"],
      ["write-a", `mcp:${server.slug}:write-a`, "write"],
    ]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: created.body.id } });
    expect(event).toMatchObject({ action: "grant.created", targetType: "grant" });
    expect(event.details).toMatchObject({ agentId: agent.id, serverId: server.id, justification: reason, shortcut: null });
    expect((event.details as { scopes: string[] }).scopes.sort()).toEqual([tools["read-a"]!.scope, tools["write-a"]!.scope].sort());
    const read = await call<TGrant>(getGrantRoute, { path: `/api/v1/grants/${created.body.id}`, params: { id: created.body.id }, bearer: owner.token });
    expect(read.body).toEqual(created.body);
  });

  it("expands each shortcut to exactly the approved tools of those tiers at that moment", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server, tools } = await serverWithTools(owner);
    const expected = { "all-read": ["read-a", "read-b"], "all-read-write": ["read-a", "read-b", "write-a"], all: ["read-a", "read-b", "wipe-a", "write-a"] };
    const grants: Record<string, string> = {};
    for (const [shortcut, names] of Object.entries(expected)) {
      const agent = await seedIdentity({ kind: "agent", owner });
      // "all" includes an irreversible tool: a second admin confirms (docs/separation-of-duties.md)
      const created = await grantConfirmed(admin, { agentId: agent.id, serverId: server.id, shortcut, justification: justification() });
      expect(created.status, shortcut).toBe(201);
      expect(created.body.tools.map((item) => item.name).sort(), shortcut).toEqual(names);
      grants[shortcut] = agent.id;
      const event = await db().auditEvent.findFirstOrThrow({ where: { action: "grant.created", targetId: created.body.id } });
      // a confirmed grant's shortcut is on the request it came from
      const requestId = (event.details as { requestId?: string | null }).requestId;
      const origin = requestId ? await db().auditEvent.findFirstOrThrow({ where: { action: "access_request.created", targetId: requestId } }) : event;
      expect(origin.details, shortcut).toMatchObject({ shortcut });
    }

    // a read tool approved later is not granted implicitly
    await review(server.id, owner, [{ toolId: tools["new-a"]!.id, tier: "read" }]);
    for (const [shortcut, agentId] of Object.entries(grants)) {
      const names = (await effectiveAccess(admin, `agentId=${agentId}`)).map((row) => row.tool.name).sort();
      expect(names, shortcut).toEqual(expected[shortcut as keyof typeof expected]);
    }
    // ...but a new grant with the shortcut includes it
    const later = await seedIdentity({ kind: "agent", owner });
    expect((await grant(admin, { agentId: later.id, serverId: server.id, shortcut: "all-read", justification: justification() })).body.tools.map((item) => item.name)).toEqual(["new-a", "read-a", "read-b"]);
  });

  it("a shortcut that matches no approved tool is refused", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const server = await seedIdentity({ kind: "server", owner });
    await approvedCatalog(server.id, owner, { scary: "irreversible" }, ["unreviewed"]);
    const agent = await seedIdentity({ kind: "agent", owner });
    const result = await grant(admin, { agentId: agent.id, serverId: server.id, shortcut: "all-read-write", justification: justification() });
    expect(result.status).toBe(422);
    expect(result.body.errors?.[0]?.path).toBe("shortcut");
    expect(await db().grant.count({ where: { agentId: agent.id } })).toBe(0);
  });
});

describe("refused grants", () => {
  it("requires a justification of at least 10 characters, and either tools or a shortcut", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server, tools } = await serverWithTools(owner);
    const agent = await seedIdentity({ kind: "agent", owner });
    const base = { agentId: agent.id, serverId: server.id, toolIds: [tools["read-a"]!.id] };
    for (const body of [base, { ...base, justification: "too short" }, { ...base, justification: "   short    " }, { ...base, justification: "" }]) {
      const result = await grant(admin, body);
      expect(result.status, JSON.stringify(body)).toBe(422);
      expect(result.body.errors?.map((issue) => issue.path)).toEqual(["justification"]);
    }
    const both = await grant(admin, { ...base, shortcut: "all", justification: justification() });
    expect(both.status).toBe(422);
    expect(both.body.errors?.[0]?.path).toBe("toolIds");
    const neither = await grant(admin, { agentId: agent.id, serverId: server.id, justification: justification() });
    expect(neither.status).toBe(422);
    expect(neither.body.errors?.[0]?.path).toBe("toolIds");
    const badShortcut = await grant(admin, { agentId: agent.id, serverId: server.id, shortcut: "everything", justification: justification() });
    expect(badShortcut.body.errors?.[0]?.path).toBe("shortcut");
    expect(await db().grant.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("names each tool that is unknown, of another server, unapproved, disabled or removed", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server, tools } = await serverWithTools(owner);
    const other = await serverWithTools(owner);
    const agent = await seedIdentity({ kind: "agent", owner });
    const toolIds = [tools["read-a"]!.id, `tool_${"0".repeat(26)}`, other.tools["read-a"]!.id, tools["new-a"]!.id, tools["off-a"]!.id, tools["gone-a"]!.id];
    const result = await grant(admin, { agentId: agent.id, serverId: server.id, toolIds, justification: justification() });
    expect(result.status).toBe(422);
    expect(result.body.errors?.map((issue) => issue.path)).toEqual(["toolIds.1", "toolIds.2", "toolIds.3", "toolIds.4", "toolIds.5"]);
    expect(result.body.errors?.[2]?.message).toContain("unclassified");
    expect(result.body.errors?.[3]?.message).toContain("disabled");
    expect(result.body.errors?.[4]?.message).toContain("no longer reported");
    const malformed = await grant(admin, { agentId: agent.id, serverId: server.id, toolIds: [tools["read-a"]!.id, "read-a"], justification: justification() });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors?.map((issue) => issue.path)).toEqual(["toolIds.1"]);
    expect(await db().grant.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("names unknown identities, and refuses suspended or revoked agents and servers (409)", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server, tools } = await serverWithTools(owner);
    const body = (agentId: string, serverId = server.id) => ({ agentId, serverId, shortcut: "all-read", justification: justification() });
    const active = await seedIdentity({ kind: "agent", owner });

    const unknownAgent = await grant(admin, body(`agt_${"0".repeat(26)}`));
    expect([unknownAgent.status, unknownAgent.body.errors?.[0]?.path]).toEqual([422, "agentId"]);
    const unknownServer = await grant(admin, body(active.id, `srv_${"0".repeat(26)}`));
    expect([unknownServer.status, unknownServer.body.errors?.[0]?.path]).toEqual([422, "serverId"]);
    const swapped = await grant(admin, body(server.id, active.id));
    expect(swapped.status).toBe(422);
    expect(swapped.body.errors?.map((issue) => issue.path).sort()).toEqual(["agentId", "serverId"]);

    for (const status of ["suspended", "revoked"] as const) {
      const agent = await seedIdentity({ kind: "agent", owner, status });
      const refused = await grant(admin, { agentId: agent.id, serverId: server.id, toolIds: [tools["read-a"]!.id], justification: justification() });
      expect(refused.status, `agent ${status}`).toBe(409);
      expect(refused.body.detail).toContain(status);
      expect(await db().grant.count({ where: { agentId: agent.id } })).toBe(0);
    }
    for (const status of ["suspended", "revoked"] as const) {
      const blocked = await seedIdentity({ kind: "server", owner, status });
      const refused = await grant(admin, body(active.id, blocked.id));
      expect(refused.status, `server ${status}`).toBe(409);
      expect(refused.body.detail).toContain(status);
    }
    expect(await db().grant.count({ where: { agentId: active.id } })).toBe(0);
  });

  it("refuses a scope the agent already holds through an active grant", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server, tools } = await serverWithTools(owner);
    const agent = await seedIdentity({ kind: "agent", owner });
    const first = await grant(admin, { agentId: agent.id, serverId: server.id, toolIds: [tools["read-a"]!.id], justification: justification() });
    expect(first.status).toBe(201);
    const overlapping = await grant(admin, { agentId: agent.id, serverId: server.id, toolIds: [tools["read-b"]!.id, tools["read-a"]!.id], justification: justification() });
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.errors?.[0]?.message).toContain(tools["read-a"]!.scope);
    expect((await grant(admin, { agentId: agent.id, serverId: server.id, shortcut: "all-read", justification: justification() })).status).toBe(409);
    expect(await db().grant.count({ where: { agentId: agent.id } })).toBe(1);
    // another agent may hold the same scope
    const other = await seedIdentity({ kind: "agent", owner });
    expect((await grant(admin, { agentId: other.id, serverId: server.id, toolIds: [tools["read-a"]!.id], justification: justification() })).status).toBe(201);
    // once revoked, the scope can be granted again
    expect((await revoke(first.body.id, admin)).status).toBe(200);
    expect((await grant(admin, { agentId: agent.id, serverId: server.id, toolIds: [tools["read-a"]!.id], justification: justification() })).status).toBe(201);
  });

  it("refuses an expiry in the past or not a timestamp", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server } = await serverWithTools(owner);
    const agent = await seedIdentity({ kind: "agent", owner });
    for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), "tomorrow", "2030-13-01T00:00:00Z"]) {
      const result = await grant(admin, { agentId: agent.id, serverId: server.id, shortcut: "all-read", justification: justification(), expiresAt });
      expect(result.status, expiresAt).toBe(422);
      expect(result.body.errors?.map((issue) => issue.path)).toEqual(["expiresAt"]);
    }
    expect(await db().grant.count({ where: { agentId: agent.id } })).toBe(0);
  });
});

describe("expiry", () => {
  it("an expired grant stops counting at its expiry, by the clock alone", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server, tools } = await serverWithTools(owner);
    const agent = await seedIdentity({ kind: "agent", owner });
    const expiresAt = new Date(Date.now() + 60 * 60_000);
    const created = await grant(admin, { agentId: agent.id, serverId: server.id, toolIds: [tools["read-a"]!.id], justification: justification(), expiresAt: expiresAt.toISOString() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: "active", expiresAt: expiresAt.toISOString() });
    expect((await effectiveAccess(admin, `agentId=${agent.id}`)).map((row) => row.expiresAt)).toEqual([expiresAt.toISOString()]);

    // the domain functions at a later moment: nothing ran in between
    const later = new Date(expiresAt.getTime() + 1000);
    expect((await effectiveAccessOf({ actor: admin.actor, query: { agentId: agent.id, limit: 10 }, now: later })).items).toEqual([]);
    const expiredLater = await listGrants({ actor: admin.actor, query: { agentId: agent.id, state: "expired", limit: 10 }, now: later });
    expect(expiredLater.items.map((item) => [item.id, item.state])).toEqual([[created.body.id, "expired"]]);

    // and through the API once the expiry has passed
    await db().grant.update({ where: { id: created.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await effectiveAccess(admin, `agentId=${agent.id}`)).toEqual([]);
    expect(await listed(admin, `agentId=${agent.id}&state=expired`)).toEqual([created.body.id]);
    expect(await listed(admin, `agentId=${agent.id}`)).toEqual([]);
    const read = await call<TGrant>(getGrantRoute, { path: `/api/v1/grants/${created.body.id}`, params: { id: created.body.id }, bearer: admin.token });
    expect(read.body.state).toBe("expired");
    // an expired scope may be granted again
    expect((await grant(admin, { agentId: agent.id, serverId: server.id, toolIds: [tools["read-a"]!.id], justification: justification() })).status).toBe(201);
  });
});

describe("revoking grants", () => {
  it("revokes with a reason: a Revocation row, an audit event, and a second revoke is 409", async () => {
    const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
    const { server } = await serverWithTools(owner);
    const agent = await seedIdentity({ kind: "agent", owner });
    const created = await grantConfirmed(admin, { agentId: agent.id, serverId: server.id, shortcut: "all", justification: justification() });
    expect((await revoke(created.body.id, admin, {})).status).toBe(422);
    expect((await revoke(created.body.id, admin, { reason: "x" })).body.errors?.[0]?.path).toBe("reason");

    const revoked = await revoke(created.body.id, admin, { reason: "project finished" });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ state: "revoked", revokedReason: "project finished", revokedById: admin.id, revokedAt: expect.any(String) });
    const revocation = await db().revocation.findFirstOrThrow({ where: { subjectType: "grant", subjectId: created.body.id } });
    expect(revocation).toMatchObject({ identityId: agent.id, reason: "project finished", revokedById: admin.id });
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: created.body.id, action: "grant.revoked" } });
    expect(event.details).toMatchObject({ agentId: agent.id, serverId: server.id, reason: "project finished" });
    expect(await effectiveAccess(admin, `agentId=${agent.id}`)).toEqual([]);
    expect(await listed(admin, `agentId=${agent.id}&state=revoked`)).toEqual([created.body.id]);

    const again = await revoke(created.body.id, admin, { reason: "once more" });
    expect(again.status).toBe(409);
    expect(await db().revocation.count({ where: { subjectType: "grant", subjectId: created.body.id } })).toBe(1);
    expect((await revoke(`grt_${"0".repeat(26)}`, admin)).status).toBe(404);
  });
});

describe("who may grant and revoke", () => {
  it("only admins create grants, even for an owner's own agent and server", async () => {
    const [owner, auditor] = await Promise.all([principal("owner"), principal("auditor")]);
    const { server } = await serverWithTools(owner);
    const agent = await seedIdentity({ kind: "agent", owner });
    for (const who of [owner, auditor]) {
      const result = await grant(who, { agentId: agent.id, serverId: server.id, shortcut: "all-read", justification: justification() });
      expect(result.status, who.role).toBe(403);
      expect(result.body.code).toBe("forbidden");
    }
    expect(await db().grant.count({ where: { agentId: agent.id } })).toBe(0);
  });

  it("admins and the owners of the agent or the server revoke; other owners and auditors get 403", async () => {
    const [admin, agentOwner, agentBackup, serverOwner, stranger, auditor] = await Promise.all([
      principal("admin"),
      principal("owner"),
      principal("owner"),
      principal("owner"),
      principal("owner"),
      principal("auditor"),
    ]);
    const { server } = await serverWithTools(serverOwner);
    const allowed = [admin, agentOwner, agentBackup, serverOwner];
    const grants: string[] = [];
    for (let index = 0; index < allowed.length; index++) {
      const agent = await seedIdentity({ kind: "agent", owner: agentOwner, extra: { backupOwnerId: agentBackup.id } });
      grants.push((await grant(admin, { agentId: agent.id, serverId: server.id, shortcut: "all-read", justification: justification() })).body.id);
    }
    for (const who of [stranger, auditor]) {
      const refused = await revoke(grants[0]!, who);
      expect(refused.status, who.role).toBe(403);
      expect(refused.body.code).toBe("forbidden");
    }
    expect((await db().grant.findUniqueOrThrow({ where: { id: grants[0]! } })).revokedAt).toBeNull();
    for (const [index, who] of allowed.entries()) {
      const result = await revoke(grants[index]!, who);
      expect(result.status, who.email).toBe(200);
      expect(result.body.revokedById).toBe(who.id);
    }
  });
});
