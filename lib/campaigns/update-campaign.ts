// Changes a draft campaign (admins). Once launched, what is reviewed is fixed:
// start a new campaign instead.
import "server-only";
import type { z } from "zod";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { presentCampaign } from "@/lib/campaigns/present";
import { ZCreateCampaignInput, ZUpdateCampaignInput, type TCampaign } from "@/lib/campaigns/schemas";
import { transact } from "@/lib/db/transaction";
import { conflict, invalid, notFound } from "@/lib/errors/app-error";

export async function updateCampaign(options: { actor: Actor; campaignId: string; input: z.input<typeof ZUpdateCampaignInput>; context?: RequestContext | null; now?: Date }): Promise<TCampaign> {
  const { actor, context } = options;
  assertCan(actor, "campaigns:manage");
  const changes = ZUpdateCampaignInput.parse(options.input);
  const now = options.now ?? new Date();
  const row = await transact(async (tx) => {
    const current = await tx.campaign.findUnique({ where: { id: options.campaignId } });
    if (!current) throw notFound("Campaign");
    if (current.status !== "draft") throw conflict(`The campaign is ${current.status}: only drafts change`);
    // the whole definition must still hold together (e.g. the named rule still has a reviewer)
    const merged = ZCreateCampaignInput.safeParse({
      type: current.type,
      name: changes.name ?? current.name,
      description: changes.description ?? current.description ?? undefined,
      filters: changes.filters ?? current.filters,
      reviewerRule: changes.reviewerRule ?? current.reviewerRule,
      reviewerId: changes.reviewerRule && changes.reviewerRule !== "named" ? undefined : (changes.reviewerId ?? current.reviewerId ?? undefined),
      startsAt: changes.startsAt ?? current.startsAt.toISOString(),
      dueAt: changes.dueAt ?? current.dueAt.toISOString(),
      undecidedPolicy: changes.undecidedPolicy ?? current.undecidedPolicy,
      remindDaysBefore: changes.remindDaysBefore === undefined ? current.remindDaysBefore : changes.remindDaysBefore,
      escalateDaysBefore: changes.escalateDaysBefore === undefined ? current.escalateDaysBefore : changes.escalateDaysBefore,
      recurrence: changes.recurrence === undefined ? current.recurrence : changes.recurrence,
      templateKey: current.templateKey,
    });
    if (!merged.success) throw invalid("The campaign would not be valid", merged.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })));
    const next = merged.data;
    if (new Date(next.dueAt) <= now) throw invalid("The due date must be in the future", [{ path: "dueAt", message: "in the past" }]);
    if (next.reviewerId) {
      const reviewer = await tx.user.findUnique({ where: { id: next.reviewerId }, select: { active: true } });
      if (!reviewer?.active) throw invalid("The reviewer is not an active user", [{ path: "reviewerId", message: "not an active user" }]);
    }
    const updated = await tx.campaign.update({
      where: { id: current.id },
      data: {
        name: next.name,
        description: next.description ?? null,
        filters: next.filters,
        reviewerRule: next.reviewerRule,
        reviewerId: next.reviewerId ?? null,
        startsAt: new Date(next.startsAt!),
        dueAt: new Date(next.dueAt),
        undecidedPolicy: next.undecidedPolicy!,
        remindDaysBefore: next.remindDaysBefore ?? null,
        escalateDaysBefore: next.escalateDaysBefore ?? null,
        recurrence: next.recurrence ?? null,
      },
    });
    await appendAuditEvent(tx, { action: "campaign.updated", actor: actorRef(actor), target: { type: "campaign", id: current.id }, details: { changed: Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined) }, context });
    return updated;
  });
  return presentCampaign(row);
}
