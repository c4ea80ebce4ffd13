// The campaign dashboard's numbers on both databases: items by status, by
// reviewer, overdue once the due date passes, and the burn-down per day from
// the launch to the due date (or the close), with injected times.
import { describe, expect, it } from "vitest";
import { GET as statsRoute } from "@/app/api/v1/campaigns/[id]/stats/route";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { campaignStats } from "@/lib/campaigns/campaign-stats";
import { closeCampaign } from "@/lib/campaigns/close-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { decideItem } from "@/lib/campaigns/decide-item";
import { generateCampaignItems } from "@/lib/campaigns/generate-items";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { listCampaignItems } from "@/lib/campaigns/list-items";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { seedIdentity, seedUser, sessionCookieFor } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { oauthFixture } from "./helpers/oauth";
import { refusal } from "./helpers/refusal";

const DAY = 86_400_000;
const HOUR = 3_600_000;
// three days ago at midnight UTC: the campaign launched at noon that day and is due six days after it
const base = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;
const at = (days: number, hours = 0) => new Date(base + days * DAY + hours * HOUR);
const launchedAt = at(0, 12);
const dueAt = at(6, 12);
const day = (days: number) => at(days).toISOString().slice(0, 10);

/**
 * Five grant scopes: the fixture owner's agent has read_ledger, post_entry and
 * wire_money; a colleague's agent has read_ledger and post_entry. On day 1 the
 * owner certifies read_ledger and revokes post_entry; on day 2 the colleague
 * certifies read_ledger and their post_entry is escalated to the admin.
 */
async function decidedCampaign() {
  const admin = await seedUser({ role: "admin" });
  const f = await oauthFixture();
  const colleague = await seedUser({ role: "owner" });
  const colleagueAgent = await seedIdentity({ kind: "agent", owner: colleague });
  await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: f.agent.id, serverId: f.server.id, toolIds: [f.tool("wire_money").id], justification: "pays suppliers every week" } });
  await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: colleagueAgent.id, serverId: f.server.id, toolIds: [f.tool("read_ledger").id, f.tool("post_entry").id], justification: "the colleague's bookkeeping agent" } });
  // the population is frozen at the launch, three days ago: the grants must be older
  await db().grant.updateMany({ where: { agentId: { in: [f.agent.id, colleagueAgent.id] } }, data: { createdAt: at(0) } });
  const campaign = await createCampaign({ actor: admin.actor, input: { type: "grant", name: "Ledger access", startsAt: launchedAt.toISOString(), dueAt: dueAt.toISOString(), filters: { ownerIds: [f.owner.id, colleague.id] } } });
  await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false, now: launchedAt });
  await generateCampaignItems(campaign.id);
  const { items } = await listCampaignItems({ actor: admin.actor, campaignId: campaign.id, query: { status: "all", limit: 50 } });
  const item = (reviewerId: string, tool: string) => items.find((candidate) => candidate.reviewerId === reviewerId && candidate.snapshot.tool === tool)!;

  await decideItem({ actor: f.owner.actor, itemId: item(f.owner.id, "read_ledger").id, input: { decision: "certify" }, now: at(1, 10) });
  await decideItem({ actor: f.owner.actor, itemId: item(f.owner.id, "post_entry").id, input: { decision: "revoke", comment: "never posts entries" }, now: at(1, 11) });
  await decideItem({ actor: colleague.actor, itemId: item(colleague.id, "read_ledger").id, input: { decision: "certify" }, now: at(2, 9) });
  // as the deadline job escalates an item: still open, now with the fallback admin
  await db().campaignItem.update({ where: { id: item(colleague.id, "post_entry").id }, data: { status: "escalated", reviewerId: admin.id } });
  return { admin, owner: f.owner, colleague, campaign };
}


describe("campaign stats", () => {
  it("counts items by status and by reviewer, and burns down per day until the due date", async () => {
    const { admin, owner, colleague, campaign } = await decidedCampaign();
    const stats = await campaignStats({ actor: admin.actor, campaignId: campaign.id, now: at(3, 12) });
    expect(stats).toMatchObject({ campaignId: campaign.id, status: "active", total: 5, decided: 3, open: 2, overdue: 0 });
    expect(stats.byStatus).toEqual({ open: 1, certified: 2, revoked: 1, modified: 0, auto_revoked: 0, auto_suspended: 0, escalated: 1, target_gone: 0 });
    expect(stats.reviewers).toEqual([
      { userId: owner.id, name: owner.name, email: owner.email, assigned: 3, decided: 2, settled: 0, open: 1, overdue: 0 },
      { userId: admin.id, name: admin.name, email: admin.email, assigned: 1, decided: 0, settled: 0, open: 1, overdue: 0 },
      { userId: colleague.id, name: colleague.name, email: colleague.email, assigned: 1, decided: 1, settled: 0, open: 0, overdue: 0 },
    ]);
    expect(stats.burndown).toEqual({
      from: launchedAt.toISOString(),
      to: dueAt.toISOString(),
      bucketDays: 1,
      points: [
        { date: day(0), open: 5 },
        { date: day(1), open: 3 },
        { date: day(2), open: 2 },
        { date: day(3), open: 2 },
        { date: day(4), open: null },
        { date: day(5), open: null },
        { date: day(6), open: null },
      ],
    });
  });

  it("counts open items as overdue past the due date, and follows a running campaign past it", async () => {
    const { admin, owner, campaign } = await decidedCampaign();
    const late = await campaignStats({ actor: admin.actor, campaignId: campaign.id, now: at(7, 12) });
    expect(late).toMatchObject({ total: 5, open: 2, overdue: 2 });
    expect(late.reviewers!.map((row) => [row.userId, row.overdue])).toEqual([
      [owner.id, 1],
      [admin.id, 1],
      [expect.any(String), 0],
    ]);
    expect(late.burndown!.to).toBe(at(7, 12).toISOString());
    expect(late.burndown!.points.map((point) => point.open)).toEqual([5, 3, 2, 2, 2, 2, 2, 2]);
  });

  it("ends the burn-down at an early close, with nothing overdue", async () => {
    const { admin, campaign } = await decidedCampaign();
    await closeCampaign({ actor: admin.actor, campaignId: campaign.id, input: { reason: "superseded" }, now: at(4, 8) });
    const stats = await campaignStats({ actor: admin.actor, campaignId: campaign.id, now: at(9) });
    expect(stats).toMatchObject({ status: "closed", total: 5, decided: 3, open: 2, overdue: 0 });
    expect(stats.burndown).toMatchObject({ to: at(4, 8).toISOString(), bucketDays: 1 });
    expect(stats.burndown!.points).toEqual([5, 3, 2, 2, 2].map((open, index) => ({ date: day(index), open })));
  });

  it("groups a long campaign's burn-down into points of several days", async () => {
    const admin = await seedUser({ role: "admin" });
    const owner = await seedUser({ role: "owner" });
    const campaign = await createCampaign({ actor: admin.actor, input: { type: "identity", name: "Two years", dueAt: at(800, 12).toISOString(), filters: { ownerIds: [owner.id] } } });
    await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false, now: launchedAt });
    await generateCampaignItems(campaign.id);
    const { burndown } = await campaignStats({ actor: admin.actor, campaignId: campaign.id, now: at(3, 12) });
    // 801 days in points of 3 days: the last one ends on the due date
    expect(burndown).toMatchObject({ bucketDays: 3 });
    expect(burndown!.points).toHaveLength(267);
    expect(burndown!.points[0]).toEqual({ date: day(2), open: 0 });
    // the point with today in it has a number; later ones do not
    expect(burndown!.points[1]).toEqual({ date: day(5), open: 0 });
    expect(burndown!.points[2]).toEqual({ date: day(8), open: null });
    expect(burndown!.points.at(-1)).toEqual({ date: day(800), open: null });
  });

  it("answers totals only, zeros for a draft, and admins and auditors only", async () => {
    const { admin, owner, campaign } = await decidedCampaign();
    expect(await campaignStats({ actor: admin.actor, campaignId: campaign.id, view: "totals", now: at(3, 12) })).toMatchObject({ total: 5, decided: 3, reviewers: null, burndown: null });
    const draft = await createCampaign({ actor: admin.actor, input: { type: "identity", name: "Not launched", dueAt: at(10).toISOString() } });
    expect(await campaignStats({ actor: admin.actor, campaignId: draft.id })).toMatchObject({ status: "draft", total: 0, decided: 0, open: 0, overdue: 0, reviewers: [], burndown: null });
    expect((await refusal(campaignStats({ actor: owner.actor, campaignId: campaign.id }))).code).toBe("forbidden");
    expect((await refusal(campaignStats({ actor: admin.actor, campaignId: `cmp_${"0".repeat(26)}` }))).code).toBe("not_found");

    const auditor = await seedUser({ role: "auditor" });
    const { cookie } = await sessionCookieFor(auditor.id);
    const response = await call<{ total: number; byStatus: { certified: number }; reviewers: unknown[]; burndown: { points: unknown[] } }>(statsRoute, { path: `/api/v1/campaigns/${campaign.id}/stats`, params: { id: campaign.id }, cookie });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ total: 5, byStatus: { certified: 2 } });
    expect(response.body.reviewers).toHaveLength(3);
    expect(response.body.burndown.points.length).toBeGreaterThanOrEqual(7);
  });
});
