// Campaign deadlines with injected time, on both databases: undecided items
// get the campaign's policy (auto-revoke through the revocation path, suspend,
// or escalate to the admin fallback), decided ones are left alone, gone
// targets are closed as such, and the job runs on exactly one lease holder.
// Deadlines here are a day out and "now" is injected just past them, so only
// this file's campaigns are due (others in the shared database are due later).
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { decideItem } from "@/lib/campaigns/decide-item";
import { generateCampaignItems } from "@/lib/campaigns/generate-items";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { listCampaignItems } from "@/lib/campaigns/list-items";
import { processCampaignDeadlines } from "@/lib/campaigns/run-deadlines";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { revokeGrant } from "@/lib/grants/revoke-grant";
import { acquireLease } from "@/lib/jobs/lease";
import { compileBundle, viewOf } from "@/lib/policy/bundle/compile";
import { seedIdentity, seedUser, type SeededUser } from "@/lib/seed/factories";
import { oauthFixture } from "./helpers/oauth";

const DAY = 86_400_000;
const due = () => new Date(Date.now() + DAY);
const pastDue = (campaign: { dueAt: string }) => new Date(Date.parse(campaign.dueAt) + 60_000);
const query = { status: "all" as const, limit: 50 };

async function launch(admin: SeededUser, input: Record<string, unknown>) {
  const campaign = await createCampaign({ actor: admin.actor, input: { name: "Deadline test", dueAt: due().toISOString(), ...input } as never });
  await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false });
  await generateCampaignItems(campaign.id);
  return getCampaign({ actor: admin.actor, campaignId: campaign.id });
}

const items = async (admin: SeededUser, campaignId: string) => (await listCampaignItems({ actor: admin.actor, campaignId, query })).items;

describe("campaign deadlines", () => {
  it("auto-revokes undecided grant scopes, leaves decided ones, closes the campaign, and does it once", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const campaign = await launch(admin, { type: "grant", filters: { ownerIds: [f.owner.id] } });
    const launchedItems = await items(admin, campaign.id);
    const [read, post] = ["read_ledger", "post_entry"].map((tool) => launchedItems.find((item) => item.snapshot.tool === tool)!);
    await decideItem({ actor: f.owner.actor, itemId: read!.id, input: { decision: "certify" } });

    // not yet due: nothing happens
    await processCampaignDeadlines(new Date(Date.parse(campaign.dueAt) - 60_000));
    expect((await getCampaign({ actor: admin.actor, campaignId: campaign.id })).status).toBe("active");

    const view = (await viewOf(f.server.id))!;
    const before = await compileBundle(view);
    await processCampaignDeadlines(pastDue(campaign));
    const after = await items(admin, campaign.id);
    expect(after.find((item) => item.id === read!.id)).toMatchObject({ status: "certified" });
    expect(after.find((item) => item.id === post!.id)).toMatchObject({ status: "auto_revoked", comment: "auto-revoked: not reviewed", decidedById: null, outcome: { revokedScope: f.scope("post_entry") } });
    expect(await db().revocation.findFirst({ where: { campaignItemId: post!.id } })).toMatchObject({ subjectType: "grant", subjectId: f.grant.id, campaignId: campaign.id, reason: `Campaign "Deadline test": auto-revoked: not reviewed` });
    expect(await getCampaign({ actor: admin.actor, campaignId: campaign.id })).toMatchObject({ status: "closed" });
    const bundle = await compileBundle(view);
    expect(bundle.revision).toBeGreaterThan(before.revision);
    expect(bundle.grants.find((grant) => grant.id === f.grant.id)!.scopes).toEqual([f.scope("read_ledger")]);
    const audit = await db().auditEvent.findFirst({ where: { action: "campaign.closed", targetId: campaign.id } });
    expect(audit?.details).toMatchObject({ reason: "deadline", undecidedPolicy: "revoke" });

    // a second run changes nothing; a late decision is refused
    const revision = (await compileBundle(view)).revision;
    await processCampaignDeadlines(new Date(pastDue(campaign).getTime() + DAY));
    expect((await compileBundle(view)).revision).toBe(revision);
    await expect(decideItem({ actor: f.owner.actor, itemId: read!.id, input: { decision: "revoke", comment: "too late" } })).rejects.toMatchObject({ code: "conflict" });
  });

  it("closes an item whose target is already gone as such", async () => {
    const admin = await seedUser({ role: "admin" });
    const f = await oauthFixture();
    const campaign = await launch(admin, { type: "grant", filters: { ownerIds: [f.owner.id] } });
    await revokeGrant({ actor: SYSTEM_ACTOR, grantId: f.grant.id, input: { reason: "revoked before the deadline" } });
    await processCampaignDeadlines(pastDue(campaign));
    expect((await items(admin, campaign.id)).map((item) => item.status)).toEqual(["target_gone", "target_gone"]);
  });

  it("suspends undecided identities under the suspend policy", async () => {
    const admin = await seedUser({ role: "admin" });
    const owner = await seedUser({ role: "owner" });
    const agent = await seedIdentity({ kind: "agent", owner });
    const campaign = await launch(admin, { type: "identity", undecidedPolicy: "suspend", filters: { ownerIds: [owner.id] } });
    await processCampaignDeadlines(pastDue(campaign));
    expect(await items(admin, campaign.id)).toMatchObject([{ status: "auto_suspended", outcome: { identitySuspended: agent.id } }]);
    expect(await db().identity.findUniqueOrThrow({ where: { id: agent.id } })).toMatchObject({ status: "suspended" });
  });

  it("escalates undecided items to the admin under keep-and-escalate, and keeps the campaign open for them", async () => {
    const admin = await seedUser({ role: "admin" });
    const owner = await seedUser({ role: "owner" });
    const agent = await seedIdentity({ kind: "agent", owner });
    const campaign = await launch(admin, { type: "identity", filters: { ownerIds: [owner.id] } });
    expect(campaign.undecidedPolicy).toBe("keep_escalate");
    await processCampaignDeadlines(pastDue(campaign));
    const [item] = await items(admin, campaign.id);
    expect(item).toMatchObject({ status: "escalated", reviewerId: admin.id, reassignments: [{ from: owner.id, to: admin.id, by: null, comment: "escalated: not reviewed by the due date" }] });
    expect((await getCampaign({ actor: admin.actor, campaignId: campaign.id })).status).toBe("active");
    expect(await db().identity.findUniqueOrThrow({ where: { id: agent.id } })).toMatchObject({ status: "active" });
    await expect(decideItem({ actor: owner.actor, itemId: item!.id, input: { decision: "certify" } })).rejects.toBeInstanceOf(AppError);
    expect(await decideItem({ actor: admin.actor, itemId: item!.id, input: { decision: "certify", comment: "still in use" } })).toMatchObject({ status: "certified" });
  });
});

describe("job leases", () => {
  it("lets one holder run a job until its lease expires, then another", async () => {
    const name = `test-job-${Date.now()}-${Math.random()}`;
    const now = new Date();
    expect(await acquireLease(name, 60_000, { holder: "a", now })).toBe(true);
    expect(await acquireLease(name, 60_000, { holder: "b", now })).toBe(false);
    expect(await acquireLease(name, 60_000, { holder: "a", now: new Date(now.getTime() + 30_000) })).toBe(true); // renewal
    expect(await acquireLease(name, 60_000, { holder: "b", now: new Date(now.getTime() + 60_000) })).toBe(false);
    expect(await acquireLease(name, 60_000, { holder: "b", now: new Date(now.getTime() + 90_001) })).toBe(true);
    expect(await acquireLease(name, 60_000, { holder: "a", now: new Date(now.getTime() + 90_002) })).toBe(false);
  });

  it("never gives a free lease to two holders racing for it", async () => {
    const name = `test-race-${Date.now()}-${Math.random()}`;
    const now = new Date();
    const results = await Promise.all(["a", "b", "c", "d"].map((holder) => acquireLease(name, 60_000, { holder, now })));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
