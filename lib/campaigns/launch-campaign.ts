// Launches a draft campaign (admins): freezes its population at this moment,
// counts it, and generates the items in the background
// (lib/campaigns/generate-items.ts); the campaign is "generating" with visible
// progress until every item exists, then "active" (and the reviewers are told,
// lib/campaigns/generate-items.ts). A recurring campaign's successor is
// created now (lib/campaigns/recurrence.ts).
import "server-only";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { startGeneration } from "@/lib/campaigns/generate-items";
import { presentCampaign } from "@/lib/campaigns/present";
import { createSuccessor } from "@/lib/campaigns/recurrence";
import { reviewerDirectory } from "@/lib/campaigns/reviewers";
import { ZCampaignFilters, type CampaignType, type ReviewerRule, type TCampaign } from "@/lib/campaigns/schemas";
import { countTargets } from "@/lib/campaigns/select-targets";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";

export async function launchCampaign(options: { actor: Actor; campaignId: string; context?: RequestContext | null; now?: Date; background?: boolean }): Promise<TCampaign> {
  const { actor, context } = options;
  assertCan(actor, "campaigns:manage");
  const now = options.now ?? new Date();
  const draft = await db().campaign.findUnique({ where: { id: options.campaignId } });
  if (!draft) throw notFound("Campaign");
  if (draft.status !== "draft") throw conflict(`The campaign is already ${draft.status}`);
  if (draft.dueAt <= now) throw conflict("The due date has passed: move it before launching", [{ path: "dueAt", message: "in the past" }]);
  // refuses now (not half-way through generation) when there is no reviewer to route to
  await reviewerDirectory({ rule: draft.reviewerRule as ReviewerRule, reviewerId: draft.reviewerId, createdById: draft.createdById });
  const total = await countTargets(draft.type as CampaignType, ZCampaignFilters.parse(draft.filters), now);
  const row = await transact(async (tx) => {
    const launched = await tx.campaign.updateMany({ where: { id: draft.id, status: "draft" }, data: { status: "generating", launchedAt: now, launchedById: actor.userId, itemsTotal: total, itemsGenerated: 0, generationCursor: null } });
    if (launched.count !== 1) throw conflict("The campaign was launched or changed meanwhile");
    await appendAuditEvent(tx, { action: "campaign.launched", actor: actorRef(actor), target: { type: "campaign", id: draft.id }, details: { items: total, type: draft.type }, context });
    const current = await tx.campaign.findUniqueOrThrow({ where: { id: draft.id } });
    await createSuccessor(tx, current);
    return current;
  });
  if (options.background !== false) startGeneration(row.id);
  return presentCampaign(row);
}
