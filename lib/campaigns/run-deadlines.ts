// The campaign deadline: at a running campaign's due date, every item nobody
// decided gets the campaign's undecided-item policy — revoke (the grant scope
// or the identity, through the same revocation path as a reviewer's revoke,
// recorded as "auto-revoked: not reviewed"), suspend (identities), or keep and
// escalate (the item goes to the admin fallback reviewer and the campaign stays
// open for them). Campaigns that revoked or suspended are closed. Each item is
// its own short transaction with the same compare-and-set as a reviewer's
// decision, so a reviewer deciding at the last second either wins or loses
// cleanly. Time is a parameter: tests inject it. lib/jobs/scheduler.ts runs this.
import "server-only";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { revokeGrantScope } from "@/lib/campaigns/decide-item";
import { reviewerDirectory } from "@/lib/campaigns/reviewers";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { changeIdentityStatusIn } from "@/lib/identities/change-identity-status";
import { enqueueCampaignNotifications } from "@/lib/notifications/enqueue";

const PAGE = 200;
const NOT_REVIEWED = "auto-revoked: not reviewed";

export type DeadlineSummary = { campaigns: number; autoRevoked: number; autoSuspended: number; escalated: number; targetGone: number; closed: number };

type Item = { id: string; version: number; targetType: string; targetId: string; reviewerId: string; reassignments: unknown };

async function applyPolicy(campaign: { id: string; name: string; undecidedPolicy: string }, item: Item, admin: string, now: Date): Promise<keyof DeadlineSummary | null> {
  const onBehalf: Actor = { ...SYSTEM_ACTOR, label: `Warden (campaign "${campaign.name}" deadline)` };
  return transact(async (tx) => {
    const claimed = await tx.campaignItem.updateMany({ where: { id: item.id, version: item.version, status: "open" }, data: { version: { increment: 1 } } });
    if (claimed.count !== 1) return null; // decided at the last second
    let status: string;
    let outcome: Record<string, unknown> = {};
    let counted: keyof DeadlineSummary;
    if (campaign.undecidedPolicy === "keep_escalate") {
      const history = Array.isArray(item.reassignments) ? item.reassignments : [];
      await tx.campaignItem.update({ where: { id: item.id }, data: { status: "escalated", reviewerId: admin, reassignments: [...history, { from: item.reviewerId, to: admin, by: null, at: now.toISOString(), comment: "escalated: not reviewed by the due date" }] } });
      return "escalated";
    }
    if (item.targetType === "grant_tool") {
      const [grantId, toolId] = item.targetId.split(":") as [string, string];
      outcome = await revokeGrantScope(tx, onBehalf, grantId, toolId, `Campaign "${campaign.name}": ${NOT_REVIEWED}`, now, { campaignId: campaign.id, campaignItemId: item.id });
      [status, counted] = outcome.alreadyGone ? ["target_gone", "targetGone"] : ["auto_revoked", "autoRevoked"];
    } else {
      const identity = await tx.identity.findUnique({ where: { id: item.targetId }, select: { status: true } });
      const change = campaign.undecidedPolicy === "suspend" ? "suspend" : "revoke";
      const applicable = identity && (change === "revoke" ? identity.status !== "revoked" : identity.status === "active");
      if (applicable) {
        await changeIdentityStatusIn(tx, { actor: onBehalf, identityId: item.targetId, change, reason: `Campaign "${campaign.name}": ${change === "revoke" ? NOT_REVIEWED : "auto-suspended: not reviewed"}`, source: { campaignId: campaign.id, campaignItemId: item.id } });
        outcome = change === "revoke" ? { identityRevoked: item.targetId } : { identitySuspended: item.targetId };
        [status, counted] = change === "revoke" ? ["auto_revoked", "autoRevoked"] : ["auto_suspended", "autoSuspended"];
      } else [status, counted] = ["target_gone", "targetGone"];
    }
    await tx.campaignItem.update({ where: { id: item.id }, data: { status, decidedAt: now, comment: status === "target_gone" ? "the target was already gone at the deadline" : NOT_REVIEWED, outcome: outcome as object } });
    return counted;
  });
}

export async function processCampaignDeadlines(now = new Date()): Promise<DeadlineSummary> {
  const summary: DeadlineSummary = { campaigns: 0, autoRevoked: 0, autoSuspended: 0, escalated: 0, targetGone: 0, closed: 0 };
  const due = await db().campaign.findMany({ where: { status: "active", dueAt: { lte: now } }, orderBy: { dueAt: "asc" } });
  for (const campaign of due) {
    summary.campaigns += 1;
    const before = { ...summary };
    // escalation goes to the admin fallback of the owner rule, whatever rule routed the items
    const admin = (await reviewerDirectory({ rule: "owner", reviewerId: null, createdById: campaign.createdById })).fallbackAdmin!;
    for (let cursor: string | null = null; ; ) {
      const items: Item[] = await db().campaignItem.findMany({
        where: { campaignId: campaign.id, status: "open", ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        take: PAGE,
        select: { id: true, version: true, targetType: true, targetId: true, reviewerId: true, reassignments: true },
      });
      for (const item of items) {
        const counted = await applyPolicy(campaign, item, admin, now);
        if (counted) summary[counted] += 1;
      }
      if (items.length < PAGE) break;
      cursor = items[items.length - 1]!.id;
    }
    const outcome = { autoRevoked: summary.autoRevoked - before.autoRevoked, autoSuspended: summary.autoSuspended - before.autoSuspended, escalated: summary.escalated - before.escalated, targetGone: summary.targetGone - before.targetGone };
    if (outcome.escalated > 0) {
      await transact((tx) => enqueueCampaignNotifications(tx, { event: "campaign.escalated", campaign, recipientUserIds: [admin], details: { itemsEscalated: outcome.escalated, to: admin, reason: "deadline" }, now }));
    }
    if (campaign.undecidedPolicy !== "keep_escalate") {
      await transact(async (tx) => {
        const closed = await tx.campaign.updateMany({ where: { id: campaign.id, status: "active" }, data: { status: "closed", closedAt: now, closedReason: "deadline" } });
        if (closed.count !== 1) return;
        await appendAuditEvent(tx, { action: "campaign.closed", actor: actorRef(SYSTEM_ACTOR), target: { type: "campaign", id: campaign.id }, details: { reason: "deadline", undecidedPolicy: campaign.undecidedPolicy } });
        await enqueueCampaignNotifications(tx, { event: "campaign.closed", campaign, recipientUserIds: campaign.createdById ? [campaign.createdById] : [], details: { reason: "deadline", undecidedPolicy: campaign.undecidedPolicy, ...outcome }, now });
      });
      summary.closed += 1;
    }
  }
  return summary;
}
