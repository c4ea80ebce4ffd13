// Generates a launched campaign's items in the background: the targets in id
// order, GENERATION_BATCH at a time, each batch written in its own short
// transaction (no long write lock; the console stays responsive) together with
// the progress (itemsGenerated) and a cursor, so a stopped generation resumes
// where it was. The cursor update is a compare-and-set: if two workers race on
// one campaign, the slower one's batch rolls back and it stops. Memory holds
// one batch. When no target is left the campaign becomes active and each
// reviewer is notified (campaign.launched) with their item count.
// The claim comes before the insert within each transaction.
import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { reviewerDirectory } from "@/lib/campaigns/reviewers";
import { ZCampaignFilters, type CampaignType, type ReviewerRule } from "@/lib/campaigns/schemas";
import { selectTargets } from "@/lib/campaigns/select-targets";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { logger } from "@/lib/log";
import { enqueueCampaignNotifications } from "@/lib/notifications/enqueue";

export const GENERATION_BATCH = 500;

class LostRace extends Error {}

/** Generates until done (or until another worker took over); resolves with the number of items this call wrote. */
export async function generateCampaignItems(campaignId: string, options: { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? GENERATION_BATCH;
  const campaign = await db().campaign.findUnique({ where: { id: campaignId } });
  if (!campaign || campaign.status !== "generating" || !campaign.launchedAt) return 0;
  const directory = await reviewerDirectory({ rule: campaign.reviewerRule as ReviewerRule, reviewerId: campaign.reviewerId, createdById: campaign.createdById });
  const filters = ZCampaignFilters.parse(campaign.filters);
  let cursor = campaign.generationCursor;
  let written = 0;
  for (;;) {
    const targets = await selectTargets(campaign.type as CampaignType, filters, campaign.launchedAt, cursor, batch);
    try {
      await transact(async (tx) => {
        const done = targets.length < batch;
        const next = targets.length > 0 ? targets[targets.length - 1]!.targetId : cursor;
        // claim the batch first: a racing worker blocks on this row, then finds the cursor moved and stops
        const moved = await tx.campaign.updateMany({
          where: { id: campaignId, status: "generating", generationCursor: cursor },
          data: { generationCursor: next, itemsGenerated: { increment: targets.length }, ...(done ? { status: "active" } : {}) },
        });
        if (moved.count !== 1) throw new LostRace();
        if (targets.length > 0) {
          await tx.campaignItem.createMany({
            data: targets.map((target) => ({
              id: newId("campaignItem"),
              campaignId,
              targetType: target.targetType,
              targetId: target.targetId,
              snapshot: target.snapshot as object,
              reviewerId: directory.reviewerFor(target).userId,
            })),
          });
        }
        if (done) {
          const { itemsGenerated } = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { itemsGenerated: true } });
          await tx.campaign.update({ where: { id: campaignId }, data: { itemsTotal: itemsGenerated } });
          await appendAuditEvent(tx, { action: "campaign.generated", actor: actorRef(SYSTEM_ACTOR), target: { type: "campaign", id: campaignId }, details: { items: itemsGenerated } });
          // every reviewer is told once, with their own item count
          const reviewers = await tx.campaignItem.groupBy({ by: ["reviewerId"], where: { campaignId }, _count: { _all: true } });
          for (const reviewer of reviewers) {
            await enqueueCampaignNotifications(tx, { event: "campaign.launched", campaign, recipientUserIds: [reviewer.reviewerId], details: { items: reviewer._count._all, reviewerId: reviewer.reviewerId } });
          }
        }
        cursor = next;
      });
    } catch (error) {
      // a unique violation means another worker wrote this batch: the same as losing the race
      if (error instanceof LostRace || (error as { code?: string }).code === "P2002") return written;
      throw error;
    }
    written += targets.length;
    if (targets.length < batch) return written;
    // let the event loop run between batches: on SQLite every query completes without yielding to it,
    // so without this a large generation would hold off the console's requests until it ended
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Starts generation without waiting; failures are logged and leave the campaign resumable. */
export function startGeneration(campaignId: string): void {
  void generateCampaignItems(campaignId).catch((error: unknown) => logger().error({ err: error, campaignId }, "campaign item generation failed; it resumes from its cursor"));
}

/** At start-up: resumes generations a stopped process left half-way (their cursor says where). */
export async function resumeGenerations(): Promise<string[]> {
  const stuck = await db().campaign.findMany({ where: { status: "generating" }, select: { id: true } });
  for (const campaign of stuck) startGeneration(campaign.id);
  return stuck.map((campaign) => campaign.id);
}
