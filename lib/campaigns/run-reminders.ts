// Before a running campaign's due date: reminders and escalation. At
// `remindDaysBefore` days before dueAt every reviewer who still has open items
// gets one reminder (email and the campaign.reminder webhook) naming how many;
// at `escalateDaysBefore` days before, the items still open move to the
// fallback reviewer (an admin; lib/campaigns/reviewers.ts) who is told once.
// Each step happens once per campaign: the campaign's remindedAt/escalatedAt
// is claimed with a compare-and-set in the transaction that writes the outbox
// rows, so with several instances nobody is told twice; escalation moves the
// items first, a page per transaction, and claims last, so a run that stopped
// half-way is finished by the next. Time is a parameter: tests inject it.
import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { reviewerDirectory } from "@/lib/campaigns/reviewers";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { enqueueCampaignNotifications } from "@/lib/notifications/enqueue";

const DAY_MS = 86_400_000;
const ESCALATION_PAGE = 500;

export type ReminderSummary = { reminded: number; reviewersReminded: number; escalatedCampaigns: number; itemsEscalated: number };

type Campaign = { id: string; name: string; dueAt: Date; createdById: string | null };

async function remind(campaign: Campaign, now: Date): Promise<number> {
  return transact(async (tx) => {
    const claimed = await tx.campaign.updateMany({ where: { id: campaign.id, status: "active", remindedAt: null }, data: { remindedAt: now } });
    if (claimed.count !== 1) return 0;
    const open = await tx.campaignItem.groupBy({ by: ["reviewerId"], where: { campaignId: campaign.id, status: { in: ["open", "escalated"] } }, _count: { _all: true } });
    for (const reviewer of open) {
      await enqueueCampaignNotifications(tx, { event: "campaign.reminder", campaign, recipientUserIds: [reviewer.reviewerId], details: { openItems: reviewer._count._all, reviewerId: reviewer.reviewerId }, now });
    }
    await appendAuditEvent(tx, { action: "campaign.reminded", actor: actorRef(SYSTEM_ACTOR), target: { type: "campaign", id: campaign.id }, details: { reviewers: open.length, openItems: open.reduce((sum, row) => sum + row._count._all, 0) } });
    return open.length;
  });
}

async function escalate(campaign: Campaign, now: Date): Promise<number> {
  const admin = (await reviewerDirectory({ rule: "owner", reviewerId: null, createdById: campaign.createdById })).fallbackAdmin!;
  let moved = 0;
  // a page per transaction (no long write lock); each item with the same version compare-and-set as a decision
  for (;;) {
    const items = await db().campaignItem.findMany({
      where: { campaignId: campaign.id, status: "open", reviewerId: { not: admin } },
      orderBy: { id: "asc" },
      take: ESCALATION_PAGE,
      select: { id: true, version: true, reviewerId: true, reassignments: true },
    });
    if (items.length === 0) break;
    moved += await transact(async (tx) => {
      let count = 0;
      for (const item of items) {
        const history = Array.isArray(item.reassignments) ? item.reassignments : [];
        const step = { from: item.reviewerId, to: admin, by: null, at: now.toISOString(), comment: "escalated: still open before the due date" };
        const updated = await tx.campaignItem.updateMany({ where: { id: item.id, version: item.version, status: "open" }, data: { status: "escalated", reviewerId: admin, escalatedAt: now, version: { increment: 1 }, reassignments: [...history, step] } });
        count += updated.count;
      }
      return count;
    });
    if (items.length < ESCALATION_PAGE) break;
  }
  // claimed last: a run that stopped half-way is finished by the next one (the items' compare-and-set skips what moved)
  await transact(async (tx) => {
    const claimed = await tx.campaign.updateMany({ where: { id: campaign.id, status: "active", escalatedAt: null }, data: { escalatedAt: now } });
    if (claimed.count !== 1) return;
    if (moved > 0) await enqueueCampaignNotifications(tx, { event: "campaign.escalated", campaign, recipientUserIds: [admin], details: { itemsEscalated: moved, to: admin }, now });
    await appendAuditEvent(tx, { action: "campaign.escalated", actor: actorRef(SYSTEM_ACTOR), target: { type: "campaign", id: campaign.id }, details: { itemsEscalated: moved, to: admin } });
  });
  return moved;
}

export async function processCampaignReminders(now = new Date()): Promise<ReminderSummary> {
  const summary: ReminderSummary = { reminded: 0, reviewersReminded: 0, escalatedCampaigns: 0, itemsEscalated: 0 };
  const running = await db().campaign.findMany({
    where: { status: "active", dueAt: { gt: now }, OR: [{ remindedAt: null, remindDaysBefore: { not: null } }, { escalatedAt: null, escalateDaysBefore: { not: null } }] },
    select: { id: true, name: true, dueAt: true, createdById: true, remindDaysBefore: true, escalateDaysBefore: true, remindedAt: true, escalatedAt: true },
  });
  for (const campaign of running) {
    if (campaign.remindDaysBefore && !campaign.remindedAt && now.getTime() >= campaign.dueAt.getTime() - campaign.remindDaysBefore * DAY_MS) {
      const reviewers = await remind(campaign, now);
      summary.reminded += 1;
      summary.reviewersReminded += reviewers;
    }
    if (campaign.escalateDaysBefore && !campaign.escalatedAt && now.getTime() >= campaign.dueAt.getTime() - campaign.escalateDaysBefore * DAY_MS) {
      summary.itemsEscalated += await escalate(campaign, now);
      summary.escalatedCampaigns += 1;
    }
  }
  return summary;
}
