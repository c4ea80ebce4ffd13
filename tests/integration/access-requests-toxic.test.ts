// Access requests and direct grants against toxic-combination policies
// (lib/toxic/check.ts): block refuses, naming the tools; require_approval adds
// a security step (an admin, not the requester, with a justification); warn is
// recorded and shown. Tags are approved directly (ToolCapability rows) and the
// policies other than the seeded lethal trifecta use tags unique to each test,
// so nothing here touches other tests' agents.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { newId } from "@/lib/ids";
import { seedIdentity, uniqueSuffix } from "@/lib/seed/factories";
import { decide, fourEyesWorld, requestAccess, requestSnapshot, type RequestResult } from "./helpers/access-requests";
import { approvedCatalog, grant, justification } from "./helpers/tool-catalog";

async function tag(toolId: string, ...tags: string[]) {
  for (const name of tags) {
    await db().capabilityTag.upsert({ where: { tag: name }, create: { tag: name, name, description: `test tag ${name}` }, update: {} });
    // the catalog may already have proposed it from the tool's name or annotations
    await db().toolCapability.upsert({
      where: { toolId_tag: { toolId, tag: name } },
      create: { toolId, tag: name, status: "approved", source: "manual", approvedAt: new Date() },
      update: { status: "approved", approvedAt: new Date() },
    });
  }
}

/** A policy over two fresh tags; returns the tags. */
async function policy(mode: "block" | "require_approval" | "warn"): Promise<{ id: string; name: string; tags: [string, string] }> {
  const suffix = uniqueSuffix().toLowerCase();
  const tags: [string, string] = [`holds-${suffix}`, `adds-${suffix}`];
  const id = newId("toxicPolicy");
  const name = `Test ${mode} ${suffix}`;
  await db().toxicPolicy.create({ data: { id, name, tags, mode, enabled: true } });
  return { id, name, tags };
}

/** The agent already holds "held-a" (first tag, granted by Warden); "adds-a" gives the second tag. */
async function toxicWorld(mode: "block" | "require_approval" | "warn") {
  const w = await fourEyesWorld({ "held-a": "read", "adds-a": "read", "wipe-a": "irreversible" });
  const p = await policy(mode);
  await tag(w.id("held-a"), p.tags[0]);
  await tag(w.id("adds-a"), p.tags[1]);
  await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: w.agent.id, serverId: w.server.id, toolIds: [w.id("held-a")], justification: justification() } });
  return { ...w, policy: p };
}

describe("toxic combinations at request time", () => {
  it("the lethal trifecta is refused with an explanation naming the three tools, across servers; nothing changes", async () => {
    const w = await fourEyesWorld({ read_inbox: "read", send_email: "write" });
    const browser = await seedIdentity({ kind: "server", owner: w.serverOwner });
    const web = await approvedCatalog(browser.id, w.serverOwner, { fetch_url: "read" });
    await tag(w.id("read_inbox"), "reads-private-data");
    await tag(web["fetch_url"]!.id, "untrusted-input");
    await tag(w.id("send_email"), "external-communication");
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: w.agent.id, serverId: w.server.id, toolIds: [w.id("read_inbox")], justification: justification() } });
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: w.agent.id, serverId: browser.id, toolIds: [web["fetch_url"]!.id], justification: justification() } });
    const before = await requestSnapshot(w.agent.id);
    const refused = await requestAccess(w.agentOwner, w.body(["send_email"]));
    expect(refused.status).toBe(409);
    for (const name of ["read_inbox", "fetch_url", "send_email"]) expect(refused.body.detail).toContain(name);
    expect(refused.body.detail).toContain("Lethal trifecta");
    expect(refused.body.errors?.[0]?.path).toBe("toolIds");
    expect(await requestSnapshot(w.agent.id)).toEqual(before);
    // an admin's direct grant is refused the same way
    const direct = await grant(w.admin, { agentId: w.agent.id, serverId: w.server.id, toolIds: [w.id("send_email")], justification: justification() });
    expect(direct.status).toBe(409);
    expect(direct.body.detail).toContain("send_email");
    expect(await requestSnapshot(w.agent.id)).toEqual(before);
  });

  it("require_approval adds a security step: an admin other than the requester, with a justification", async () => {
    const w = await toxicWorld("require_approval");
    const created = await requestAccess(w.agentOwner, w.body(["adds-a"]));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ securityApprovalRequired: true, secondApprovalRequired: false });
    expect(created.body.steps.map((step) => step.step)).toEqual(["owner", "security"]);
    expect(created.body.toxicFindings).toEqual([expect.objectContaining({ policyId: w.policy.id, mode: "require_approval", explanation: expect.stringContaining("adds-a") })]);
    expect((await decide(w.serverOwner, created.body.id, { step: "owner", decision: "approve" })).body.nextStep).toBe("security");
    const notAdmin = await decide(w.serverOwner, created.body.id, { step: "security", decision: "approve", comment: "fine" });
    expect(notAdmin.status).toBe(403);
    const noReason = await decide(w.admin, created.body.id, { step: "security", decision: "approve" });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors).toEqual([{ path: "comment", message: "Say why this combination of tools is acceptable" }]);
    const approved = await decide(w.admin, created.body.id, { step: "security", decision: "approve", comment: "sandboxed, reviewed by security" });
    expect(approved.body).toMatchObject({ status: "approved", grantId: expect.stringMatching(/^grt_/) });
  });

  it("the requester cannot give the security approval of their own request", async () => {
    const w = await toxicWorld("require_approval");
    const created = await requestAccess(w.admin, w.body(["adds-a"]));
    await decide(w.serverOwner, created.body.id, { step: "owner", decision: "approve" });
    const self = await decide(w.admin, created.body.id, { step: "security", decision: "approve", comment: "looks fine to me" });
    expect(self.status).toBe(403);
    expect(self.body.detail).toBe("You made this request: someone else must approve it");
  });

  it("warn records the finding on the request and changes nothing else", async () => {
    const w = await toxicWorld("warn");
    const created: { body: RequestResult; status: number } = await requestAccess(w.agentOwner, w.body(["adds-a"]));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ securityApprovalRequired: false });
    expect(created.body.toxicFindings).toEqual([expect.objectContaining({ policyId: w.policy.id, mode: "warn" })]);
    expect((await decide(w.serverOwner, created.body.id, { step: "owner", decision: "approve" })).body.status).toBe("approved");
  });

  it("block mode refuses the request; a policy switched to block after the request refuses the final approval", async () => {
    const w = await toxicWorld("block");
    const refused = await requestAccess(w.agentOwner, w.body(["adds-a"]));
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(w.policy.name);
    expect(refused.body.detail).toContain("adds-a");

    const later = await toxicWorld("warn");
    const created = await requestAccess(later.agentOwner, later.body(["adds-a"]));
    expect(created.status).toBe(201);
    await db().toxicPolicy.update({ where: { id: later.policy.id }, data: { mode: "block" } });
    const before = await requestSnapshot(later.agent.id);
    const blocked = await decide(later.serverOwner, created.body.id, { step: "owner", decision: "approve" });
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toContain("adds-a");
    expect(await requestSnapshot(later.agent.id)).toEqual(before);
  });

  it("a direct grant completing a require_approval combination waits for a security approval", async () => {
    const w = await toxicWorld("require_approval");
    const direct = await grant(w.admin, { agentId: w.agent.id, serverId: w.server.id, toolIds: [w.id("adds-a")], justification: justification() });
    expect(direct.status).toBe(202);
    const request = direct.body as unknown as RequestResult;
    expect(request).toMatchObject({ origin: "direct_grant", securityApprovalRequired: true, secondApprovalRequired: false, nextStep: "security" });
    expect((await decide(w.admin2, request.id, { step: "security", decision: "approve", comment: "accepted risk, ticket SEC-1" })).body.status).toBe("approved");
  });
});
