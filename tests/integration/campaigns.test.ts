// Recertification campaigns through the domain functions, on both databases:
// definitions and their validation, the preview, launch with background
// generation that freezes the population and resumes from its cursor, and
// decisions — certify, revoke (enforced in the next policy bundle revision),
// reassign — with their rules and their concurrency.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { bulkDecide } from "@/lib/campaigns/bulk-decide";
import { closeCampaign } from "@/lib/campaigns/close-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { decideItem } from "@/lib/campaigns/decide-item";
import { generateCampaignItems, resumeGenerations } from "@/lib/campaigns/generate-items";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { listCampaignItems, listMyReviews } from "@/lib/campaigns/list-items";
import { previewCampaign } from "@/lib/campaigns/preview-campaign";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { db } from "@/lib/db/client";
import { listRevocations } from "@/lib/policy/status/list-revocations";
import { AppError } from "@/lib/errors/app-error";
import { createGrant } from "@/lib/grants/create-grant";
import { compileBundle, viewOf } from "@/lib/policy/bundle/compile";
import { seedIdentity, seedUser, type SeededUser } from "@/lib/seed/factories";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { oauthFixture, type OAuthFixture } from "./helpers/oauth";
import { refusal } from "./helpers/refusal";

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const query = { status: "open" as const, limit: 50 };


async function grantCampaign(admin: SeededUser, f: OAuthFixture, extra: Record<string, unknown> = {}) {
  return createCampaign({ actor: admin.actor, input: { type: "grant", name: "Quarterly grants", dueAt: inDays(14), filters: { ownerIds: [f.owner.id] }, ...extra } });
}

async function launched(admin: SeededUser, f: OAuthFixture, extra: Record<string, unknown> = {}) {
  const campaign = await grantCampaign(admin, f, extra);
  await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false });
  await generateCampaignItems(campaign.id);
  return getCampaign({ actor: admin.actor, campaignId: campaign.id });
}

describe("campaign definitions", () => {
  it("creates a draft grant campaign that revokes undecided items by default", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const campaign = await grantCampaign(admin, f);
    expect(campaign).toMatchObject({ status: "draft", type: "grant", reviewerRule: "owner", undecidedPolicy: "revoke", itemsTotal: null, filters: { ownerIds: [f.owner.id] } });
    const identity = await createCampaign({ actor: admin.actor, input: { type: "identity", name: "Who still needs these?", dueAt: inDays(30) } });
    expect(identity.undecidedPolicy).toBe("keep_escalate");
  });

  it.each([
    ["a named rule without a reviewer", { type: "grant", reviewerRule: "named" }, "reviewerId"],
    ["the server-owner rule on identities", { type: "identity", reviewerRule: "server_owner" }, "reviewerRule"],
    ["a due date before the start", { type: "grant", startsAt: inDays(10), dueAt: inDays(5) }, "dueAt"],
    ["suspending undecided grants", { type: "grant", undecidedPolicy: "suspend" }, "undecidedPolicy"],
    ["revoking undecided tool tiers", { type: "tool", undecidedPolicy: "revoke" }, "undecidedPolicy"],
    ["tool tiers on an identity campaign", { type: "identity", filters: { toolTiers: ["irreversible"] } }, "filters"],
    ["an unknown filter", { type: "grant", filters: { everything: true } }, "filters"],
  ])("refuses %s", async (_name, input, path) => {
    const admin = await seedUser({ role: "admin" });
    const error = await refusal(createCampaign({ actor: admin.actor, input: { name: "Bad campaign", dueAt: inDays(10), ...input } as never }));
    expect(error.code).toBe("zod");
    expect(error.message).toContain(path);
  });

  it("refuses a due date in the past, and owners and auditors", async () => {
    const admin = await seedUser({ role: "admin" });
    expect(await refusal(createCampaign({ actor: admin.actor, input: { type: "grant", name: "Late", dueAt: new Date(Date.now() - 1000).toISOString() } }))).toMatchObject({ code: "validation_failed", issues: [{ path: "dueAt" }] });
    for (const role of ["owner", "auditor"] as const) {
      const user = await seedUser({ role });
      expect((await refusal(createCampaign({ actor: user.actor, input: { type: "grant", name: "Mine", dueAt: inDays(3) } }))).code).toBe("forbidden");
    }
  });

  it("changes drafts only, keeping the definition consistent", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const campaign = await grantCampaign(admin, f);
    expect(await updateCampaign({ actor: admin.actor, campaignId: campaign.id, input: { name: "Renamed" } })).toMatchObject({ name: "Renamed" });
    expect(await refusal(updateCampaign({ actor: admin.actor, campaignId: campaign.id, input: { reviewerRule: "named" } }))).toMatchObject({ code: "validation_failed", issues: [{ path: "reviewerId" }] });
    await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false });
    expect(await refusal(updateCampaign({ actor: admin.actor, campaignId: campaign.id, input: { name: "Too late" } }))).toMatchObject({ code: "conflict", message: "The campaign is generating: only drafts change" });
  });
});

describe("preview, launch and generation", () => {
  it("previews per reviewer with the admin fallback, and generates exactly that population", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    // a second agent of the same owner whose owner leaves: its items fall back to the admin
    const leaver = await seedUser({ role: "owner" });
    const orphan = await seedIdentity({ kind: "agent", owner: leaver });
    await db().identity.update({ where: { id: orphan.id }, data: { ownerId: f.owner.id } });
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: orphan.id, serverId: f.server.id, toolIds: [f.tool("read_ledger").id], justification: "orphan grant for the test" } });
    await deactivateUser({ actor: SYSTEM_ACTOR, userId: f.owner.id });

    const campaign = await grantCampaign(admin, f);
    const preview = await previewCampaign({ actor: admin.actor, campaignId: campaign.id });
    expect(preview.items).toBe(3);
    expect(preview.reviewers).toEqual([{ userId: admin.id, name: admin.name, email: admin.email, items: 3, fallback: true }]);

    const started = await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false });
    expect(started).toMatchObject({ status: "generating", itemsTotal: 3, itemsGenerated: 0 });
    // created after launch: not part of this campaign
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: orphan.id, serverId: f.server.id, toolIds: [f.tool("post_entry").id], justification: "added after the launch" } });
    expect(await generateCampaignItems(campaign.id)).toBe(3);
    expect(await getCampaign({ actor: admin.actor, campaignId: campaign.id })).toMatchObject({ status: "active", itemsTotal: 3, itemsGenerated: 3 });
    const { items } = await listCampaignItems({ actor: admin.actor, campaignId: campaign.id, query });
    expect(items.map((item) => item.snapshot.tool).sort()).toEqual(["post_entry", "read_ledger", "read_ledger"]);
    expect(items[0]).toMatchObject({ targetType: "grant_tool", reviewerId: admin.id, status: "open", version: 0 });
    expect(items.find((item) => item.snapshot.tool === "post_entry")!.snapshot).toMatchObject({ scope: f.scope("post_entry"), tier: "write", agent: { id: f.agent.id }, server: { id: f.server.id }, justification: "token service tests" });
    expect(await refusal(launchCampaign({ actor: admin.actor, campaignId: campaign.id }))).toMatchObject({ code: "conflict", message: "The campaign is already active" });
  });

  it("generates in batches that resume from the cursor, and two workers never duplicate items", async () => {
    const admin = await seedUser({ role: "admin" });
    const owner = await seedUser({ role: "owner" });
    for (let index = 0; index < 7; index += 1) await seedIdentity({ kind: "agent", owner });
    const campaign = await createCampaign({ actor: admin.actor, input: { type: "identity", name: "Agents of one owner", dueAt: inDays(7), filters: { ownerIds: [owner.id] } } });
    await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false });
    const written = await Promise.all([generateCampaignItems(campaign.id, { batch: 2 }), generateCampaignItems(campaign.id, { batch: 2 })]);
    expect(written[0]! + written[1]!).toBe(7);
    expect(await db().campaignItem.count({ where: { campaignId: campaign.id } })).toBe(7);
    expect(await getCampaign({ actor: admin.actor, campaignId: campaign.id })).toMatchObject({ status: "active", itemsTotal: 7, itemsGenerated: 7 });
    const { items } = await listMyReviews({ actor: owner.actor, query });
    expect(items.filter((item) => item.campaignId === campaign.id)).toHaveLength(7);

    // a process that stopped after launching: start-up resumes the generation
    const stopped = await createCampaign({ actor: admin.actor, input: { type: "identity", name: "Interrupted", dueAt: inDays(7), filters: { ownerIds: [owner.id] } } });
    await launchCampaign({ actor: admin.actor, campaignId: stopped.id, background: false });
    expect(await resumeGenerations()).toContain(stopped.id);
    const deadline = Date.now() + 10_000;
    while ((await getCampaign({ actor: admin.actor, campaignId: stopped.id })).status !== "active" && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await getCampaign({ actor: admin.actor, campaignId: stopped.id })).toMatchObject({ status: "active", itemsGenerated: 7 });
  });
});

describe("decisions", () => {
  it("certifies, revokes a scope (gone from the next bundle revision) and revokes the grant with its last scope", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const campaign = await launched(admin, f);
    const { items } = await listMyReviews({ actor: f.owner.actor, query: { ...query, campaignId: campaign.id } });
    const item = (tool: string) => items.find((candidate) => candidate.snapshot.tool === tool)!;

    const certified = await decideItem({ actor: f.owner.actor, itemId: item("read_ledger").id, input: { decision: "certify" } });
    expect(certified).toMatchObject({ status: "certified", decidedById: f.owner.id, outcome: { certified: item("read_ledger").targetId } });
    expect((await db().grantTool.findFirstOrThrow({ where: { grantId: f.grant.id, toolId: f.tool("read_ledger").id } })).lastCertifiedAt).not.toBeNull();

    const view = (await viewOf(f.server.id))!;
    const before = await compileBundle(view);
    expect(await refusal(decideItem({ actor: f.owner.actor, itemId: item("post_entry").id, input: { decision: "revoke" } as never }))).toMatchObject({ code: "zod" });
    const revoked = await decideItem({ actor: f.owner.actor, itemId: item("post_entry").id, input: { decision: "revoke", comment: "the agent never posts entries" } });
    expect(revoked).toMatchObject({ status: "revoked", comment: "the agent never posts entries", outcome: { grantId: f.grant.id, revokedScope: f.scope("post_entry"), grantRevoked: false } });
    // the revocation links back to the review: the campaign and the item (and the item to the revocation)
    const revocation = await db().revocation.findUniqueOrThrow({ where: { id: revoked.outcome!.revocationId as string } });
    expect(revocation).toMatchObject({ subjectType: "grant", subjectId: f.grant.id, campaignId: campaign.id, campaignItemId: item("post_entry").id });
    expect((await listRevocations({ actor: admin.actor, limit: 100 })).items.find((row) => row.id === revocation.id)).toMatchObject({ campaign: { id: campaign.id, itemId: item("post_entry").id } });
    const after = await compileBundle(view);
    expect(after.revision).toBeGreaterThan(before.revision);
    expect(after.grants.find((grant) => grant.id === f.grant.id)!.scopes).toEqual([f.scope("read_ledger")]);
    expect(await refusal(decideItem({ actor: f.owner.actor, itemId: item("post_entry").id, input: { decision: "certify" } }))).toMatchObject({ code: "conflict", message: "The item was already decided (revoked)" });

    // the last scope: the whole grant goes
    const second = await launched(admin, f);
    const [last] = (await listMyReviews({ actor: f.owner.actor, query: { ...query, campaignId: second.id } })).items;
    expect(await decideItem({ actor: f.owner.actor, itemId: last!.id, input: { decision: "revoke", comment: "no longer needed" } })).toMatchObject({ outcome: { grantRevoked: true } });
    expect((await db().grant.findUniqueOrThrow({ where: { id: f.grant.id } })).revokedAt).not.toBeNull();
    expect((await compileBundle(view)).revoked.grants).toContain(f.grant.id);
  });

  it("needs a comment to certify irreversible access, and lets only the reviewer decide", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: f.agent.id, serverId: f.server.id, toolIds: [f.tool("wire_money").id], justification: "pays suppliers every week" } });
    const campaign = await launched(admin, f, { filters: { ownerIds: [f.owner.id], toolTiers: ["irreversible"] } });
    const [item] = (await listCampaignItems({ actor: admin.actor, campaignId: campaign.id, query })).items;
    expect(item!.snapshot).toMatchObject({ tool: "wire_money", tier: "irreversible" });
    expect(await refusal(decideItem({ actor: f.owner.actor, itemId: item!.id, input: { decision: "certify" } }))).toMatchObject({ code: "validation_failed", issues: [{ path: "comment" }] });
    const stranger = await seedUser({ role: "owner" });
    expect((await refusal(decideItem({ actor: stranger.actor, itemId: item!.id, input: { decision: "certify", comment: "looks fine" } }))).code).toBe("forbidden");
    expect((await refusal(decideItem({ actor: admin.actor, itemId: item!.id, input: { decision: "certify", comment: "looks fine" } }))).code).toBe("forbidden");
    const auditor = await seedUser({ role: "auditor" });
    expect((await refusal(decideItem({ actor: auditor.actor, itemId: item!.id, input: { decision: "certify", comment: "looks fine" } }))).code).toBe("forbidden");
    expect(await decideItem({ actor: f.owner.actor, itemId: item!.id, input: { decision: "certify", comment: "weekly supplier payments, approved by finance" } })).toMatchObject({ status: "certified" });
  });

  it("reassigns with a reason and detects a loop", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const colleague = await seedUser({ role: "owner" });
    const campaign = await launched(admin, f);
    const [item] = (await listMyReviews({ actor: f.owner.actor, query: { ...query, campaignId: campaign.id } })).items;
    const moved = await decideItem({ actor: f.owner.actor, itemId: item!.id, input: { decision: "reassign", reviewerId: colleague.id, comment: "Colleague runs this agent now" } });
    expect(moved).toMatchObject({ status: "open", reviewerId: colleague.id, version: 1, reassignments: [{ from: f.owner.id, to: colleague.id, by: f.owner.id, comment: "Colleague runs this agent now" }] });
    expect((await listMyReviews({ actor: colleague.actor, query: { ...query, campaignId: campaign.id } })).items.map((entry) => entry.id)).toEqual([item!.id]);
    expect(await refusal(decideItem({ actor: colleague.actor, itemId: item!.id, input: { decision: "reassign", reviewerId: f.owner.id, comment: "Back to you" } }))).toMatchObject({ code: "conflict", issues: [{ path: "reviewerId", message: "reassignment loop" }] });
    const auditor = await seedUser({ role: "auditor" });
    expect(await refusal(decideItem({ actor: colleague.actor, itemId: item!.id, input: { decision: "reassign", reviewerId: auditor.id, comment: "Auditors decide?" } }))).toMatchObject({ code: "validation_failed", issues: [{ path: "reviewerId" }] });
    expect(await refusal(decideItem({ actor: colleague.actor, itemId: item!.id, input: { decision: "certify", version: 0 } }))).toMatchObject({ code: "conflict", message: "The item changed since you opened it: reload it and decide again" });
  });

  it("lets exactly one of two simultaneous decisions win", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const campaign = await launched(admin, f);
    const [item] = (await listMyReviews({ actor: f.owner.actor, query: { ...query, campaignId: campaign.id } })).items;
    const outcomes = await Promise.allSettled([
      decideItem({ actor: f.owner.actor, itemId: item!.id, input: { decision: "certify", version: 0 } }),
      decideItem({ actor: f.owner.actor, itemId: item!.id, input: { decision: "revoke", comment: "not needed", version: 0 } }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const loser = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(AppError);
    expect((loser.reason as AppError).code).toBe("conflict");
    const stored = await db().campaignItem.findUniqueOrThrow({ where: { id: item!.id } });
    expect(stored.version).toBe(1);
  });

  it("revokes an identity under review, and refuses decisions once the campaign is closed", async () => {
    const admin = await seedUser({ role: "admin" });
    const owner = await seedUser({ role: "owner" });
    const agent = await seedIdentity({ kind: "agent", owner });
    const campaign = await createCampaign({ actor: admin.actor, input: { type: "identity", name: "Agents still needed?", dueAt: inDays(7), filters: { ownerIds: [owner.id] } } });
    await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false });
    await generateCampaignItems(campaign.id);
    const [item] = (await listMyReviews({ actor: owner.actor, query: { ...query, campaignId: campaign.id } })).items;
    expect(item!.snapshot).toMatchObject({ kind: "agent", name: agent.name, ownerId: owner.id, status: "active" });
    expect(await decideItem({ actor: owner.actor, itemId: item!.id, input: { decision: "revoke", comment: "decommissioned last month" } })).toMatchObject({ status: "revoked", outcome: { identityRevoked: agent.id } });
    expect((await db().identity.findUniqueOrThrow({ where: { id: agent.id } })).status).toBe("revoked");
    expect(await db().revocation.count({ where: { subjectType: "identity", subjectId: agent.id } })).toBe(1);

    const other = await seedIdentity({ kind: "agent", owner });
    const closing = await createCampaign({ actor: admin.actor, input: { type: "identity", name: "Closed early", dueAt: inDays(7), filters: { ownerIds: [owner.id] } } });
    await launchCampaign({ actor: admin.actor, campaignId: closing.id, background: false });
    await generateCampaignItems(closing.id);
    await db().campaign.update({ where: { id: closing.id }, data: { status: "closed", closedAt: new Date() } });
    const open = await db().campaignItem.findFirstOrThrow({ where: { campaignId: closing.id, targetId: other.id } });
    expect(await refusal(decideItem({ actor: owner.actor, itemId: open.id, input: { decision: "certify" } }))).toMatchObject({ code: "conflict", message: "The campaign is closed: its items cannot be decided" });
  });
});

describe("bulk decisions and closing early", () => {
  it("certifies by filter, recording each item, and reports the ones it could not decide", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: f.agent.id, serverId: f.server.id, toolIds: [f.tool("wire_money").id], justification: "pays suppliers every week" } });
    const campaign = await launched(admin, f);
    // read_ledger (read), post_entry (write), wire_money (irreversible)
    const readOnly = await bulkDecide({ actor: f.owner.actor, input: { decision: "certify", filter: { campaignId: campaign.id, tiers: ["read"] } } });
    expect(readOnly.decided).toHaveLength(1);
    expect(readOnly.refused).toEqual([]);
    const rest = await bulkDecide({ actor: f.owner.actor, input: { decision: "certify", filter: { campaignId: campaign.id } } });
    expect(rest.decided).toHaveLength(1);
    expect(rest.refused).toEqual([{ itemId: expect.stringMatching(/^citm_/), message: "Certifying access to an irreversible tool needs a comment" }]);
    const { items } = await listCampaignItems({ actor: admin.actor, campaignId: campaign.id, query: { status: "all", limit: 50 } });
    expect(items.map((item) => `${item.snapshot.tool} ${item.status}`).sort()).toEqual(["post_entry certified", "read_ledger certified", "wire_money open"]);
    expect(await db().auditEvent.count({ where: { action: "campaign.item_decided", targetId: { in: items.map((item) => item.id) } } })).toBe(2);

    const stranger = await seedUser({ role: "owner" });
    const byId = await bulkDecide({ actor: stranger.actor, input: { decision: "revoke", comment: "not mine anyway", itemIds: [items.find((item) => item.status === "open")!.id] } });
    expect(byId).toEqual({ decided: [], refused: [{ itemId: expect.any(String), message: "Not an open item of yours in a running campaign" }] });
    expect(await refusal(bulkDecide({ actor: f.owner.actor, input: { decision: "revoke", filter: { campaignId: campaign.id } } }))).toMatchObject({ code: "zod" });
  });

  it("closes a running campaign early, after which nothing is decided, and never reopens it", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const campaign = await launched(admin, f);
    const closed = await closeCampaign({ actor: admin.actor, campaignId: campaign.id, input: { reason: "superseded by the annual review" } });
    expect(closed).toMatchObject({ status: "closed" });
    const [item] = (await listCampaignItems({ actor: admin.actor, campaignId: campaign.id, query })).items;
    expect(await refusal(decideItem({ actor: f.owner.actor, itemId: item!.id, input: { decision: "certify" } }))).toMatchObject({ code: "conflict", message: "The campaign is closed: its items cannot be decided" });
    expect((await listMyReviews({ actor: f.owner.actor, query: { ...query, campaignId: campaign.id } })).items).toEqual([]);
    expect(await refusal(closeCampaign({ actor: admin.actor, campaignId: campaign.id, input: { reason: "again" } }))).toMatchObject({ code: "conflict" });
    const owner = await seedUser({ role: "owner" });
    expect((await refusal(closeCampaign({ actor: owner.actor, campaignId: campaign.id, input: { reason: "mine" } }))).code).toBe("forbidden");
    // the grants are untouched by closing
    expect((await db().grant.findUniqueOrThrow({ where: { id: f.grant.id } })).revokedAt).toBeNull();
  });
});
