// The campaign schedule with injected time, on both databases: reviewers are
// told at launch and reminded once before the due date, open items escalate to
// the admin fallback, a closed campaign is announced — each as a signed
// webhook delivered to a real local receiver — and recurring campaigns create
// and launch their successors. Templates all make valid campaigns.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCampaign } from "@/lib/campaigns/close-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { decideItem } from "@/lib/campaigns/decide-item";
import { generateCampaignItems } from "@/lib/campaigns/generate-items";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { listCampaignItems, listMyReviews } from "@/lib/campaigns/list-items";
import { addMonths, launchScheduledCampaigns } from "@/lib/campaigns/recurrence";
import { processCampaignReminders } from "@/lib/campaigns/run-reminders";
import { CAMPAIGN_TEMPLATES } from "@/lib/campaigns/templates";
import { db } from "@/lib/db/client";
import { createWebhook } from "@/lib/notifications/create-webhook";
import { deleteWebhook } from "@/lib/notifications/delete-webhook";
import { dispatchNotifications, pauseNotificationKicks, verifyWebhookSignature } from "@/lib/notifications/dispatch";
import { seedUser, type SeededUser } from "@/lib/seed/factories";
import { oauthFixture } from "./helpers/oauth";
import { refusal } from "./helpers/refusal";

const DAY = 86_400_000;
type Delivery = { event: string; campaignId: string; details: Record<string, unknown>; signed: boolean };

let receiver: http.Server;
let deliveries: Delivery[] = [];
let hook: { id: string; secret: string };
let admin: SeededUser;

beforeAll(async () => {
  pauseNotificationKicks(true);
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = JSON.parse(raw) as { event: string; campaign: { id: string }; details: Record<string, unknown> };
      // signed with the real clock even when dispatch runs at an injected time, so the default 5-minute tolerance holds
      deliveries.push({ event: body.event, campaignId: body.campaign.id, details: body.details, signed: verifyWebhookSignature(hook.secret, req.headers["warden-signature"] as string, raw) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  admin = await seedUser({ role: "admin" });
  const created = await createWebhook({ actor: admin.actor, input: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/warden`, events: ["campaign.launched", "campaign.reminder", "campaign.escalated", "campaign.closed"] } });
  hook = { id: created.endpoint.id, secret: created.secret };
});

afterAll(async () => {
  await deleteWebhook({ actor: admin.actor, endpointId: hook.id });
  pauseNotificationKicks(false);
  await new Promise((resolve) => receiver.close(resolve));
});

async function delivered(campaignId: string, now: Date): Promise<Delivery[]> {
  deliveries = [];
  await dispatchNotifications(now);
  return deliveries.filter((delivery) => delivery.campaignId === campaignId);
}


describe("reminders and escalation", () => {
  it("tells reviewers at launch, reminds once, escalates open items to the admin, and announces the close", async () => {
    const f = await oauthFixture();
    const start = new Date();
    const campaign = await createCampaign({ actor: admin.actor, input: { type: "grant", name: "Reminder test", dueAt: new Date(start.getTime() + 5 * DAY).toISOString(), filters: { ownerIds: [f.owner.id] }, remindDaysBefore: 3, escalateDaysBefore: 1 } });
    await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false, now: start });
    await generateCampaignItems(campaign.id);
    expect(await delivered(campaign.id, new Date())).toEqual([{ event: "campaign.launched", campaignId: campaign.id, details: { items: 2, reviewerId: f.owner.id }, signed: true }]);

    const { items } = await listMyReviews({ actor: f.owner.actor, query: { status: "open", limit: 50, campaignId: campaign.id } });
    await decideItem({ actor: f.owner.actor, itemId: items[0]!.id, input: { decision: "certify" } });

    // a day in: too early to remind
    await processCampaignReminders(new Date(start.getTime() + DAY));
    expect((await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } })).remindedAt).toBeNull();
    // 2.5 days in (2.5 days before due): one reminder with the open count, once
    const remindAt = new Date(start.getTime() + 2.5 * DAY);
    await processCampaignReminders(remindAt);
    await processCampaignReminders(new Date(remindAt.getTime() + 60_000));
    expect(await delivered(campaign.id, remindAt)).toEqual([{ event: "campaign.reminder", campaignId: campaign.id, details: { openItems: 1, reviewerId: f.owner.id }, signed: true }]);
    expect(await db().auditEvent.count({ where: { action: "campaign.reminded", targetId: campaign.id } })).toBe(1);

    // 4.5 days in (under a day left): the open item moves to the admin, the decided one stays
    const escalateAt = new Date(start.getTime() + 4.5 * DAY);
    await processCampaignReminders(escalateAt);
    const all = (await listCampaignItems({ actor: admin.actor, campaignId: campaign.id, query: { status: "all", limit: 50 } })).items;
    const open = all.find((item) => item.id === items[1]!.id)!;
    expect(open).toMatchObject({ status: "escalated", reviewerId: admin.id });
    expect(open.reassignments.at(-1)).toMatchObject({ from: f.owner.id, to: admin.id, by: null, comment: "escalated: still open before the due date" });
    expect(all.find((item) => item.id === items[0]!.id)).toMatchObject({ status: "certified", reviewerId: f.owner.id });
    expect(await delivered(campaign.id, escalateAt)).toEqual([{ event: "campaign.escalated", campaignId: campaign.id, details: { itemsEscalated: 1, to: admin.id }, signed: true }]);
    // the owner no longer decides it; the admin does
    expect((await refusal(decideItem({ actor: f.owner.actor, itemId: open.id, input: { decision: "certify" } }))).code).toBe("forbidden");
    expect(await decideItem({ actor: admin.actor, itemId: open.id, input: { decision: "revoke", comment: "nobody vouched for it" } })).toMatchObject({ status: "revoked" });

    await closeCampaign({ actor: admin.actor, campaignId: campaign.id, input: { reason: "every item decided" } });
    expect(await delivered(campaign.id, new Date())).toEqual([{ event: "campaign.closed", campaignId: campaign.id, details: { reason: "closed early", comment: "every item decided", undecided: 0 }, signed: true }]);
  });
});

describe("recurring campaigns and templates", () => {
  it("creates the successor at launch and launches it when its start comes", async () => {
    const f = await oauthFixture();
    const start = new Date(Date.UTC(2031, 0, 31, 9));
    const campaign = await createCampaign({ actor: admin.actor, now: start, input: { type: "grant", name: "Quarterly review", startsAt: start.toISOString(), dueAt: new Date(start.getTime() + 14 * DAY).toISOString(), filters: { ownerIds: [f.owner.id] }, recurrence: "quarterly" } });
    await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false, now: start });
    await generateCampaignItems(campaign.id);
    const next = await db().campaign.findUniqueOrThrow({ where: { previousId: campaign.id } });
    // 31 January + 3 months: the last day of April
    expect(next).toMatchObject({ status: "draft", autoLaunch: true, recurrence: "quarterly", name: "Quarterly review", startsAt: new Date(Date.UTC(2031, 3, 30, 9)), filters: { ownerIds: [f.owner.id] } });
    expect(next.dueAt.getTime() - next.startsAt.getTime()).toBe(14 * DAY);

    // not yet
    await launchScheduledCampaigns(new Date(Date.UTC(2031, 3, 29)));
    expect((await db().campaign.findUniqueOrThrow({ where: { id: next.id } })).status).toBe("draft");
    const launchedAt = new Date(next.startsAt.getTime() + 60_000);
    const result = await launchScheduledCampaigns(launchedAt);
    expect(result.launched).toBeGreaterThanOrEqual(1);
    const deadline = Date.now() + 10_000;
    while ((await getCampaign({ actor: admin.actor, campaignId: next.id })).status !== "active" && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await getCampaign({ actor: admin.actor, campaignId: next.id })).toMatchObject({ status: "active", itemsTotal: 2, previousId: campaign.id, launchedAt: launchedAt.toISOString() });
    // and the series goes on, once
    expect(await db().campaign.count({ where: { previousId: next.id } })).toBe(1);
    await launchScheduledCampaigns(launchedAt);
    expect(await db().campaign.count({ where: { previousId: next.id } })).toBe(1);
  });

  it("moves dates by calendar months", () => {
    expect(addMonths(new Date("2031-11-30T00:00:00Z"), 3).toISOString()).toBe("2032-02-29T00:00:00.000Z");
    expect(addMonths(new Date("2031-05-15T12:00:00Z"), 12).toISOString()).toBe("2032-05-15T12:00:00.000Z");
  });

  it.each(CAMPAIGN_TEMPLATES.map((template) => [template.key, template] as const))("template %s makes a valid campaign", async (_key, template) => {
    const campaign = await createCampaign({ actor: admin.actor, input: { ...template.definition, templateKey: template.key, dueAt: new Date(Date.now() + template.durationDays * DAY).toISOString() } });
    expect(campaign).toMatchObject({ status: "draft", type: template.definition.type, templateKey: template.key, recurrence: template.definition.recurrence ?? null });
  });
});
