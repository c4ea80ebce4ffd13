// What launching a campaign now would generate: how many items, and how many
// each reviewer would get (and how many fell back to an admin because nobody
// in the owner chain can review them). Reads the same population as
// generation, a page at a time.
import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { reviewerDirectory } from "@/lib/campaigns/reviewers";
import { ZCampaignFilters, type CampaignType, type ReviewerRule, type TCampaignPreview } from "@/lib/campaigns/schemas";
import { selectTargets } from "@/lib/campaigns/select-targets";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

const PAGE = 1000;

export async function previewCampaign(options: { actor: Actor; campaignId: string; now?: Date }): Promise<TCampaignPreview> {
  assertCan(options.actor, "campaigns:read");
  const campaign = await db().campaign.findUnique({ where: { id: options.campaignId } });
  if (!campaign) throw notFound("Campaign");
  const directory = await reviewerDirectory({ rule: campaign.reviewerRule as ReviewerRule, reviewerId: campaign.reviewerId, createdById: campaign.createdById });
  const filters = ZCampaignFilters.parse(campaign.filters);
  const frozenAt = campaign.launchedAt ?? options.now ?? new Date();
  const counts = new Map<string, { items: number; fallback: number }>();
  let total = 0;
  for (let cursor: string | null = null; ; ) {
    const page = await selectTargets(campaign.type as CampaignType, filters, frozenAt, cursor, PAGE);
    for (const target of page) {
      const { userId, fallback } = directory.reviewerFor(target);
      const entry = counts.get(userId) ?? { items: 0, fallback: 0 };
      entry.items += 1;
      if (fallback) entry.fallback += 1;
      counts.set(userId, entry);
    }
    total += page.length;
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.targetId;
  }
  const reviewers = [...counts.entries()]
    .map(([userId, entry]) => {
      const user = directory.user(userId)!;
      return { userId, name: user.name, email: user.email, items: entry.items, fallback: entry.fallback > 0 };
    })
    .sort((a, b) => b.items - a.items || a.name.localeCompare(b.name));
  return { items: total, reviewers };
}
