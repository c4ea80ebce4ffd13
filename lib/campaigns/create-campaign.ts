// Defines a recertification campaign as a draft (admins): what it reviews,
// who reviews, by when, and what happens to undecided items at the deadline
// (revoke for grants unless told otherwise, keep and escalate for the rest).
// Nothing is generated until launch (lib/campaigns/launch-campaign.ts).
import "server-only";
import type { z } from "zod";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { presentCampaign } from "@/lib/campaigns/present";
import { ZCreateCampaignInput, type TCampaign } from "@/lib/campaigns/schemas";
import { transact } from "@/lib/db/transaction";
import { invalid } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";

export async function createCampaign(options: { actor: Actor; input: z.input<typeof ZCreateCampaignInput>; context?: RequestContext | null; now?: Date }): Promise<TCampaign> {
  const { actor, context } = options;
  assertCan(actor, "campaigns:manage");
  const input = ZCreateCampaignInput.parse(options.input);
  const now = options.now ?? new Date();
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const dueAt = new Date(input.dueAt);
  if (dueAt <= now) throw invalid("The due date must be in the future", [{ path: "dueAt", message: "in the past" }]);
  const row = await transact(async (tx) => {
    if (input.reviewerId) {
      const reviewer = await tx.user.findUnique({ where: { id: input.reviewerId }, select: { active: true } });
      if (!reviewer?.active) throw invalid("The reviewer is not an active user", [{ path: "reviewerId", message: "not an active user" }]);
    }
    const created = await tx.campaign.create({
      data: {
        id: newId("campaign"),
        name: input.name,
        description: input.description ?? null,
        type: input.type,
        filters: input.filters,
        reviewerRule: input.reviewerRule,
        reviewerId: input.reviewerId ?? null,
        startsAt,
        dueAt,
        undecidedPolicy: input.undecidedPolicy ?? (input.type === "grant" ? "revoke" : "keep_escalate"),
        remindDaysBefore: input.remindDaysBefore === undefined ? 3 : input.remindDaysBefore,
        escalateDaysBefore: input.escalateDaysBefore ?? null,
        recurrence: input.recurrence ?? null,
        templateKey: input.templateKey ?? null,
        createdById: actor.userId,
      },
    });
    await appendAuditEvent(tx, { action: "campaign.created", actor: actorRef(actor), target: { type: "campaign", id: created.id }, details: { name: input.name, type: input.type, filters: input.filters, reviewerRule: input.reviewerRule, dueAt: input.dueAt }, context });
    return created;
  });
  return presentCampaign(row);
}
