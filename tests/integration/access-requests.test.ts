// Access requests with four-eyes approval (docs/separation-of-duties.md): an agent's
// owner asks, the server's owner approves, irreversible tools need a second,
// different admin; nobody approves their own request; deny ends it; requests
// expire and can be cancelled; two approvals racing for one step — one wins;
// an admin's direct grant of irreversible tools waits for a second admin.
import { describe, expect, it } from "vitest";
import { expireAccessRequests } from "@/lib/access-requests/expire-access-requests";
import { createAccessRequest } from "@/lib/access-requests/create-access-request";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { updateSettings } from "@/lib/settings/update-settings";
import { seedIdentity } from "@/lib/seed/factories";
import { cancel, decide, fourEyesWorld, getRequest, inbox, requestAccess, requestSnapshot } from "./helpers/access-requests";
import { principal } from "./helpers/registry";
import { grant, justification } from "./helpers/tool-catalog";

const DAY = 86_400_000;

async function trail(requestId: string, grantId: string | null) {
  const events = await db().auditEvent.findMany({ where: { targetId: { in: [requestId, ...(grantId ? [grantId] : [])] } }, orderBy: { seq: "asc" }, select: { action: true, details: true } });
  return events.map((event) => {
    const details = event.details as { step?: string; approverId?: string; requestedById?: string };
    return [event.action, details.step ?? null, details.approverId ?? details.requestedById ?? null];
  });
}

describe("the four-eyes flow", () => {
  it("an agent owner asks for an irreversible tool, the server owner approves, a second admin approves: the grant exists with the asked duration, the trail is in order", async () => {
    const w = await fourEyesWorld();
    const created = await requestAccess(w.agentOwner, w.body(["wipe-a", "read-a"], { grantDays: 30 }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^arq_/), origin: "request", status: "pending", secondApprovalRequired: true, securityApprovalRequired: false, nextStep: "owner", grantDays: 30, requestedBy: { id: w.agentOwner.id } });
    expect(created.body.steps).toEqual([
      { step: "owner", state: "pending" },
      { step: "admin", state: "waiting" },
    ]);
    expect(created.body.tools.map((tool) => [tool.name, tool.tier])).toEqual([
      ["read-a", "read"],
      ["wipe-a", "irreversible"],
    ]);
    const id = created.body.id;
    expect(await inbox(w.serverOwner, "view=waiting")).toContain(id);
    expect(await inbox(w.agentOwner, "view=waiting")).not.toContain(id);
    expect(await inbox(w.agentOwner, "view=mine")).toContain(id);
    expect(await inbox(w.stranger, "view=waiting")).not.toContain(id);

    const first = await decide(w.serverOwner, id, { step: "owner", decision: "approve" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "pending", nextStep: "admin", grantId: null });
    expect(await db().grant.count({ where: { agentId: w.agent.id } })).toBe(0);
    expect(await inbox(w.serverOwner, "view=waiting")).not.toContain(id);
    expect(await inbox(w.admin2, "view=waiting")).toContain(id);

    const before = Date.now();
    const second = await decide(w.admin2, id, { step: "admin", decision: "approve", comment: "confirmed with the team" });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ status: "approved", nextStep: null, grantId: expect.stringMatching(/^grt_/) });
    expect(second.body.steps).toEqual([
      { step: "owner", state: "approved" },
      { step: "admin", state: "approved" },
    ]);
    expect(second.body.approvals.map((approval) => [approval.step, approval.approver.id])).toEqual([
      ["owner", w.serverOwner.id],
      ["admin", w.admin2.id],
    ]);
    const granted = await db().grant.findUniqueOrThrow({ where: { id: second.body.grantId! }, include: { tools: true } });
    expect(granted.agentId).toBe(w.agent.id);
    expect(granted.tools.map((tool) => tool.toolId).sort()).toEqual([w.id("read-a"), w.id("wipe-a")].sort());
    expect(granted.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(granted.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * DAY);
    expect(granted.grantedById).toBe(w.admin2.id);

    expect(await trail(id, granted.id)).toEqual([
      ["access_request.created", null, w.agentOwner.id],
      ["access_request.approved_step", "owner", w.serverOwner.id],
      ["access_request.approved_step", "admin", w.admin2.id],
      ["grant.created", null, null],
      ["access_request.approved", "admin", w.admin2.id],
    ]);
    const grantEvent = await db().auditEvent.findFirstOrThrow({ where: { action: "grant.created", targetId: granted.id } });
    expect(grantEvent.details).toMatchObject({ requestId: id });
  });

  it("read and write tools need the server owner only; a write tool of a production server needs a second admin when the setting says so", async () => {
    const w = await fourEyesWorld(undefined, { environment: "production" });
    const read = await requestAccess(w.agentOwner, w.body(["read-a", "write-a"]));
    expect(read.body).toMatchObject({ status: "pending", secondApprovalRequired: false });
    const approved = await decide(w.serverOwner, read.body.id, { step: "owner", decision: "approve" });
    expect(approved.body).toMatchObject({ status: "approved", grantId: expect.stringMatching(/^grt_/) });
    expect((await db().grant.findUniqueOrThrow({ where: { id: approved.body.grantId! } })).expiresAt).toBeNull();

    const other = await seedIdentity({ kind: "agent", owner: w.agentOwner });
    await updateSettings({ actor: SYSTEM_ACTOR, input: { secondApprovalForProductionWrite: true } });
    try {
      const write = await requestAccess(w.agentOwner, { ...w.body(["write-a"]), agentId: other.id });
      expect(write.body).toMatchObject({ status: "pending", secondApprovalRequired: true });
      const readOnly = await requestAccess(w.agentOwner, { ...w.body(["read-a"]), agentId: other.id });
      expect(readOnly.body).toMatchObject({ secondApprovalRequired: false });
    } finally {
      await updateSettings({ actor: SYSTEM_ACTOR, input: { secondApprovalForProductionWrite: false } });
    }
  });
});

describe("who may approve", () => {
  it("nobody approves their own request, at any step", async () => {
    // the requester also owns the server: the owner step needs someone else
    const w = await fourEyesWorld();
    const ownServer = await seedIdentity({ kind: "server", owner: w.agentOwner });
    const { approvedCatalog } = await import("./helpers/tool-catalog");
    const own = await approvedCatalog(ownServer.id, w.agentOwner, { "mine-a": "read" });
    const mine = await requestAccess(w.agentOwner, { agentId: w.agent.id, serverId: ownServer.id, toolIds: [own["mine-a"]!.id], justification: justification() });
    expect(mine.status).toBe(201);
    const selfOwner = await decide(w.agentOwner, mine.body.id, { step: "owner", decision: "approve" });
    expect(selfOwner.status).toBe(403);
    expect(selfOwner.body.detail).toBe("You made this request: someone else must approve it");

    // an admin's own request: refused at the owner step and at the admin step
    const byAdmin = await requestAccess(w.admin, w.body(["wipe-a"]));
    expect(byAdmin.status).toBe(201);
    expect((await decide(w.admin, byAdmin.body.id, { step: "owner", decision: "approve" })).status).toBe(403);
    expect((await decide(w.serverOwner, byAdmin.body.id, { step: "owner", decision: "approve" })).status).toBe(200);
    const selfAdmin = await decide(w.admin, byAdmin.body.id, { step: "admin", decision: "approve" });
    expect(selfAdmin.status).toBe(403);
    expect(selfAdmin.body.detail).toBe("You made this request: someone else must approve it");
    expect(await db().accessRequestApproval.count({ where: { requestId: byAdmin.body.id } })).toBe(1);
    expect((await decide(w.admin2, byAdmin.body.id, { step: "admin", decision: "approve" })).body.status).toBe("approved");
  });

  it("an admin who owns the agent (primary or backup) cannot be the second approver", async () => {
    const backupAdmin = await principal("admin");
    const w = await fourEyesWorld(undefined, { agentExtra: {} });
    const agent = await seedIdentity({ kind: "agent", owner: w.agentOwner, extra: { backupOwnerId: backupAdmin.id } });
    const created = await requestAccess(w.agentOwner, { ...w.body(["wipe-a"]), agentId: agent.id });
    expect((await decide(w.serverOwner, created.body.id, { step: "owner", decision: "approve" })).status).toBe(200);
    expect(await inbox(backupAdmin, "view=waiting")).not.toContain(created.body.id);
    const refused = await decide(backupAdmin, created.body.id, { step: "admin", decision: "approve" });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("You own this agent: the second approval needs an admin who does not");
    // an owner without the admin role cannot give the second approval either
    const notAdmin = await decide(w.stranger, created.body.id, { step: "admin", decision: "approve" });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body.detail).toBe("The second approval needs another admin");
    expect((await decide(w.admin, created.body.id, { step: "admin", decision: "approve" })).body.status).toBe("approved");
  });

  it("the admin who approved the owner step cannot also give the second approval", async () => {
    const w = await fourEyesWorld();
    const created = await requestAccess(w.agentOwner, w.body(["wipe-a"]));
    expect((await decide(w.admin, created.body.id, { step: "owner", decision: "approve" })).status).toBe(200);
    expect(await inbox(w.admin, "view=waiting")).not.toContain(created.body.id);
    const refused = await decide(w.admin, created.body.id, { step: "admin", decision: "approve" });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("You approved the first step: the second approval needs a different admin");
    const viewed = await getRequest(w.admin, created.body.id);
    expect(viewed.body).toMatchObject({ canDecide: false, cannotDecideReason: "You approved the first step: the second approval needs a different admin" });
    expect((await decide(w.admin2, created.body.id, { step: "admin", decision: "approve" })).body.status).toBe("approved");
  });

  it("an owner of another server cannot decide the owner step", async () => {
    const w = await fourEyesWorld();
    const created = await requestAccess(w.agentOwner, w.body(["read-a"]));
    const before = await requestSnapshot(w.agent.id);
    const refused = await decide(w.stranger, created.body.id, { step: "owner", decision: "approve" });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("Only an owner of the MCP server or an admin can decide this step");
    expect(await requestSnapshot(w.agent.id)).toEqual(before);
  });
});

describe("ending a request", () => {
  it("a deny (with a reason) ends it at any step; nothing is granted and it cannot be approved afterwards", async () => {
    const w = await fourEyesWorld();
    const created = await requestAccess(w.agentOwner, w.body(["wipe-a"]));
    const before = await requestSnapshot(w.agent.id);
    const noReason = await decide(w.serverOwner, created.body.id, { step: "owner", decision: "deny" });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([{ path: "comment", message: "Say why the request is denied" }]);
    expect(await requestSnapshot(w.agent.id)).toEqual(before);

    expect((await decide(w.serverOwner, created.body.id, { step: "owner", decision: "approve" })).status).toBe(200);
    const denied = await decide(w.admin, created.body.id, { step: "admin", decision: "deny", comment: "irreversible access is not needed for reporting" });
    expect(denied.status).toBe(200);
    expect(denied.body).toMatchObject({ status: "denied", decisionReason: "irreversible access is not needed for reporting", grantId: null });
    expect(denied.body.steps).toEqual([
      { step: "owner", state: "approved" },
      { step: "admin", state: "denied" },
    ]);
    const again = await decide(w.admin2, created.body.id, { step: "admin", decision: "approve" });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/^This request is already denied/);
    expect(await db().grant.count({ where: { agentId: w.agent.id } })).toBe(0);
    expect((await trail(created.body.id, null)).map((row) => row[0])).toEqual(["access_request.created", "access_request.approved_step", "access_request.denied"]);
  });

  it("the requester cancels a pending request; nobody else can, and a cancelled request cannot be approved", async () => {
    const w = await fourEyesWorld();
    const created = await requestAccess(w.agentOwner, w.body(["read-a"]));
    expect((await cancel(w.serverOwner, created.body.id)).status).toBe(403);
    expect((await cancel(w.admin, created.body.id)).status).toBe(403);
    const cancelled = await cancel(w.agentOwner, created.body.id, { reason: "asked for the wrong server" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", decisionReason: "asked for the wrong server", canCancel: false });
    expect((await cancel(w.agentOwner, created.body.id)).status).toBe(409);
    const approve = await decide(w.serverOwner, created.body.id, { step: "owner", decision: "approve" });
    expect(approve.status).toBe(409);
    expect(approve.body.detail).toMatch(/^This request is already cancelled/);
    expect(await db().auditEvent.count({ where: { action: "access_request.cancelled", targetId: created.body.id } })).toBe(1);
    // the tool can be asked for again
    expect((await requestAccess(w.agentOwner, w.body(["read-a"]))).status).toBe(201);
  });

  it("undecided requests expire: approving one is refused even before the job ran; the job marks it expired and audits", async () => {
    const w = await fourEyesWorld();
    const created = await createAccessRequest({ actor: w.agentOwner.actor, input: w.body(["read-a"]), now: new Date(Date.now() - 15 * DAY) });
    expect(new Date(created.expiresAt).getTime()).toBeLessThan(Date.now());
    const late = await decide(w.serverOwner, created.id, { step: "owner", decision: "approve" });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/^This request expired at .* without a decision/);
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("pending");
    expect(await inbox(w.serverOwner, "view=waiting")).not.toContain(created.id);
    // an expired request no longer blocks asking again
    const fresh = await requestAccess(w.agentOwner, w.body(["read-a"]));
    expect(fresh.status).toBe(201);

    const summary = await expireAccessRequests(new Date());
    expect(summary.expired).toBeGreaterThanOrEqual(1);
    const row = await db().accessRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ status: "expired", decisionReason: "Not decided in time" });
    expect(await db().auditEvent.count({ where: { action: "access_request.expired", targetId: created.id } })).toBe(1);
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: fresh.body.id } })).status).toBe("pending");
    const again = await decide(w.serverOwner, created.id, { step: "owner", decision: "approve" });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/^This request is already expired/);
    // a second run finds nothing more to do for it
    await expireAccessRequests(new Date());
    expect(await db().auditEvent.count({ where: { action: "access_request.expired", targetId: created.id } })).toBe(1);
  });
});

describe("racing approvals", () => {
  it("two people approving the same step at once: exactly one wins, one grant", async () => {
    for (const tools of [["read-a"], ["wipe-a"]]) {
      const w = await fourEyesWorld();
      const created = await requestAccess(w.agentOwner, w.body(tools));
      const results = await Promise.all([decide(w.serverOwner, created.body.id, { step: "owner", decision: "approve" }), decide(w.admin, created.body.id, { step: "owner", decision: "approve" })]);
      expect(results.map((result) => result.status).sort(), tools.join()).toEqual([200, 409]);
      const loser = results.find((result) => result.status === 409)!;
      expect(loser.body.detail).toMatch(/owner step|already approved/);
      expect(await db().accessRequestApproval.count({ where: { requestId: created.body.id, step: "owner" } })).toBe(1);
      expect(await db().grant.count({ where: { agentId: w.agent.id } })).toBe(tools[0] === "read-a" ? 1 : 0);
    }
  });

  it("an approval and a deny racing for the final step: one wins", async () => {
    const w = await fourEyesWorld();
    const created = await requestAccess(w.agentOwner, w.body(["wipe-a"]));
    await decide(w.serverOwner, created.body.id, { step: "owner", decision: "approve" });
    const results = await Promise.all([decide(w.admin, created.body.id, { step: "admin", decision: "approve" }), decide(w.admin2, created.body.id, { step: "admin", decision: "deny", comment: "not now" })]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const row = await db().accessRequest.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(await db().grant.count({ where: { agentId: w.agent.id } })).toBe(row.status === "approved" ? 1 : 0);
  });
});

describe("direct grants of irreversible tools", () => {
  it("an admin's direct grant waits for a second admin (202 with the request); the granting admin cannot confirm it", async () => {
    const w = await fourEyesWorld();
    const expiresAt = new Date(Date.now() + 10 * DAY).toISOString();
    const direct = await grant(w.admin, { agentId: w.agent.id, serverId: w.server.id, toolIds: [w.id("wipe-a")], justification: justification(), expiresAt });
    expect(direct.status).toBe(202);
    const request = direct.body as unknown as Awaited<ReturnType<typeof getRequest>>["body"];
    expect(request).toMatchObject({ origin: "direct_grant", status: "pending", nextStep: "admin", grantDays: 10, requestedBy: { id: w.admin.id } });
    expect(direct.headers.get("location")).toBe(`/api/v1/access-requests/${request.id}`);
    expect(request.steps).toEqual([
      { step: "owner", state: "approved" },
      { step: "admin", state: "pending" },
    ]);
    expect(request.approvals.map((approval) => [approval.step, approval.approver.id])).toEqual([["owner", w.admin.id]]);
    expect(await db().grant.count({ where: { agentId: w.agent.id } })).toBe(0);
    expect((await db().accessRequest.findUniqueOrThrow({ where: { id: request.id } })).ownerApprovalRequired).toBe(false);

    expect((await decide(w.admin, request.id, { step: "admin", decision: "approve" })).status).toBe(403);
    // asking again for the same tool while it waits: refused
    const twice = await grant(w.admin2, { agentId: w.agent.id, serverId: w.server.id, toolIds: [w.id("wipe-a")], justification: justification() });
    expect(twice.status).toBe(409);
    expect(twice.body.errors?.[0]).toEqual({ path: "toolIds.0", message: `${w.tools["wipe-a"]!.scope} is already asked for by the pending request ${request.id}` });

    const confirmed = await decide(w.admin2, request.id, { step: "admin", decision: "approve" });
    expect(confirmed.body).toMatchObject({ status: "approved", grantId: expect.stringMatching(/^grt_/) });
    const created = await db().grant.findUniqueOrThrow({ where: { id: confirmed.body.grantId! } });
    expect(created.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 9 * DAY);
  });

  it("read and write tools are still granted at once (201); Warden itself grants irreversible tools at once; createGrant refuses a grant that would wait", async () => {
    const w = await fourEyesWorld();
    const now = await grant(w.admin, { agentId: w.agent.id, serverId: w.server.id, toolIds: [w.id("read-a"), w.id("write-a")], justification: justification() });
    expect(now.status).toBe(201);
    expect(now.body.id).toMatch(/^grt_/);

    const system = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: w.agent.id, serverId: w.server.id, toolIds: [w.id("wipe-a")], justification: justification() } });
    expect(system.tools.map((tool) => tool.name)).toEqual(["wipe-a"]);

    const other = await seedIdentity({ kind: "agent", owner: w.agentOwner });
    const before = await requestSnapshot(other.id);
    await expect(createGrant({ actor: w.admin.actor, input: { agentId: other.id, serverId: w.server.id, toolIds: [w.id("wipe-a")], justification: justification() } })).rejects.toMatchObject({ code: "conflict" });
    expect(await requestSnapshot(other.id)).toEqual(before);
  });
});

describe("bad input", () => {
  it("answers precisely and changes nothing", async () => {
    const w = await fourEyesWorld();
    const foreign = await fourEyesWorld({ "elsewhere-a": "read" });
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: w.agent.id, serverId: w.server.id, toolIds: [w.id("read-a")], justification: justification() } });
    const pending = await requestAccess(w.agentOwner, w.body(["write-a"]));
    expect(pending.status).toBe(201);
    const suspended = await seedIdentity({ kind: "agent", owner: w.agentOwner, status: "suspended" });
    const before = await requestSnapshot(w.agent.id);
    const cases: [string, Record<string, unknown>, number, { path: string; message: string }[] | null][] = [
      ["no justification", { ...w.body(["wipe-a"]), justification: "short" }, 422, [{ path: "justification", message: "Say why the agent needs this (at least 10 characters)" }]],
      ["grantDays 0", w.body(["wipe-a"], { grantDays: 0 }), 422, [{ path: "grantDays", message: "At least 1 day" }]],
      ["no tools", w.body([]), 422, [{ path: "toolIds", message: "Choose at least one tool" }]],
      ["a tool of another server", { ...w.body(["wipe-a"]), toolIds: [w.id("wipe-a"), foreign.id("elsewhere-a")] }, 422, [{ path: "toolIds.1", message: "not a tool of this server" }]],
      ["an unapproved tool", { ...w.body(["wipe-a"]), toolIds: [w.tools["unreviewed-a"]!.id] }, 422, [{ path: "toolIds.0", message: "unreviewed-a is unclassified; only approved tools can be granted" }]],
      ["a scope already held", w.body(["wipe-a", "read-a"]), 409, null],
      ["a tool a pending request asks for", w.body(["write-a"]), 409, [{ path: "toolIds.0", message: `${w.tools["write-a"]!.scope} is already asked for by the pending request ${pending.body.id}` }]],
      ["an unknown field", w.body(["wipe-a"], { expiresAt: "2030-01-01T00:00:00Z" }), 422, [{ path: "expiresAt", message: "is not a known field" }]],
    ];
    for (const [label, body, status, errors] of cases) {
      const result = await requestAccess(w.agentOwner, body);
      expect(result.status, label).toBe(status);
      if (errors) expect(result.body.errors, label).toEqual(errors);
    }
    const held = await requestAccess(w.agentOwner, w.body(["wipe-a", "read-a"]));
    expect(held.body.errors?.[0]?.path).toBe("toolIds.1");
    expect(held.body.errors?.[0]?.message).toMatch(new RegExp(`^${w.tools["read-a"]!.scope} is already granted by grt_`));
    expect(await requestSnapshot(w.agent.id)).toEqual(before);

    const susp = await requestAccess(w.agentOwner, { ...w.body(["wipe-a"]), agentId: suspended.id });
    expect(susp.status).toBe(409);
    expect(susp.body.errors).toEqual([{ path: "agentId", message: "agent is suspended" }]);
    const notMine = await requestAccess(w.stranger, w.body(["wipe-a"]));
    expect(notMine.status).toBe(403);
    expect(notMine.body.detail).toBe("Only the owners of the agent and admins can request access for it");
    const wrongStep = await decide(w.serverOwner, pending.body.id, { step: "admin", decision: "approve" });
    expect(wrongStep.status).toBe(409);
    expect(wrongStep.body.errors).toEqual([{ path: "step", message: "the next step is owner" }]);
    const missing = await decide(w.serverOwner, `arq_${"0".repeat(26)}`, { step: "owner", decision: "approve" });
    expect(missing.status).toBe(404);
    expect(await requestSnapshot(w.agent.id)).toEqual(before);
    expect(await db().accessRequest.count({ where: { agentId: suspended.id } })).toBe(0);
  });

  it("only admins and auditors list every request", async () => {
    const w = await fourEyesWorld();
    const auditor = await principal("auditor");
    const created = await requestAccess(w.agentOwner, w.body(["read-a"]));
    expect(await inbox(w.admin, "view=all")).toContain(created.body.id);
    expect(await inbox(auditor, "view=all&status=pending")).toContain(created.body.id);
    await expect(inbox(w.stranger, "view=all")).rejects.toThrow(/403/);
  });
});
