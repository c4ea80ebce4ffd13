// Recurring campaigns: launching one whose recurrence is set creates its
// successor — the same definition, start and due date moved by one period — as
// a draft that launches itself at its start (autoLaunch). The successor is
// keyed by previousId (unique), so it is created once however often this
// runs; admins may change or delete the draft before it starts, and clearing
// its recurrence ends the series. launchScheduledCampaigns is the scheduler's
// step that launches the drafts whose start has come. Time is a parameter.
import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/log";

const MONTHS = { monthly: 1, quarterly: 3, yearly: 12 } as const;

/** `date` moved by `months` calendar months (UTC), the day clamped to the target month's last day. */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target;
}

type Launched = {
  id: string;
  name: string;
  description: string | null;
  type: string;
  filters: unknown;
  reviewerRule: string;
  reviewerId: string | null;
  startsAt: Date;
  dueAt: Date;
  undecidedPolicy: string;
  remindDaysBefore: number | null;
  escalateDaysBefore: number | null;
  recurrence: string | null;
  templateKey: string | null;
  createdById: string | null;
};

/** In the launch's transaction: the next campaign of a recurring one (none when it already exists). */
export async function createSuccessor(tx: Tx, campaign: Launched): Promise<string | null> {
  const months = MONTHS[campaign.recurrence as keyof typeof MONTHS] as number | undefined;
  if (!months) return null;
  if (await tx.campaign.findUnique({ where: { previousId: campaign.id }, select: { id: true } })) return null;
  const id = newId("campaign");
  const startsAt = addMonths(campaign.startsAt, months);
  await tx.campaign.create({
    data: {
      id,
      name: campaign.name,
      description: campaign.description,
      type: campaign.type,
      filters: campaign.filters as object,
      reviewerRule: campaign.reviewerRule,
      reviewerId: campaign.reviewerId,
      startsAt,
      dueAt: new Date(startsAt.getTime() + (campaign.dueAt.getTime() - campaign.startsAt.getTime())),
      undecidedPolicy: campaign.undecidedPolicy,
      remindDaysBefore: campaign.remindDaysBefore,
      escalateDaysBefore: campaign.escalateDaysBefore,
      recurrence: campaign.recurrence,
      templateKey: campaign.templateKey,
      previousId: campaign.id,
      autoLaunch: true,
      createdById: campaign.createdById,
    },
  });
  await appendAuditEvent(tx, { action: "campaign.created", actor: actorRef(SYSTEM_ACTOR), target: { type: "campaign", id }, details: { name: campaign.name, type: campaign.type, recurrence: campaign.recurrence, previousId: campaign.id, startsAt: startsAt.toISOString() } });
  return id;
}

/** Launches every self-launching draft whose start has come; a draft that cannot launch (e.g. its due date passed) is logged and left for an admin. */
export async function launchScheduledCampaigns(now = new Date()): Promise<{ launched: number; failed: number }> {
  const due = await db().campaign.findMany({ where: { status: "draft", autoLaunch: true, startsAt: { lte: now } }, select: { id: true }, orderBy: { startsAt: "asc" } });
  let launched = 0;
  let failed = 0;
  for (const campaign of due) {
    try {
      await launchCampaign({ actor: { ...SYSTEM_ACTOR, label: "Warden (recurring campaign)" }, campaignId: campaign.id, now });
      launched += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed += 1;
      logger().warn({ campaignId: campaign.id, reason: error.message }, "a scheduled campaign could not launch; an admin must change it");
    }
  }
  return { launched, failed };
}
