// Review items: "My reviews" (the items assigned to the signed-in reviewer,
// across campaigns, soonest due first within id order) and a campaign's items
// for those who read campaigns. Cursor pagination by item id.
import "server-only";
import type { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { liveEvidence } from "@/lib/campaigns/item-evidence";
import { presentItem } from "@/lib/campaigns/present-item";
import type { TReviewItem, ZListItemsQuery } from "@/lib/campaigns/schemas";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors/app-error";

type Query = z.output<typeof ZListItemsQuery>;

async function page(where: object, query: Query): Promise<{ items: TReviewItem[]; nextCursor: string | null }> {
  const statusWhere = query.status === "open" ? { status: { in: ["open", "escalated"] } } : query.status === "decided" ? { status: { notIn: ["open", "escalated"] } } : {};
  const rows = await db().campaignItem.findMany({
    where: { ...where, ...statusWhere, ...(query.campaignId ? { campaignId: query.campaignId } : {}), ...(query.targetType ? { targetType: query.targetType } : {}), ...(query.cursor ? { id: { gt: query.cursor } } : {}) },
    orderBy: { id: "asc" },
    take: query.limit + 1,
    include: { campaign: { select: { id: true, name: true, type: true, dueAt: true, status: true } } },
  });
  const shown = rows.slice(0, query.limit);
  const evidence = await liveEvidence(shown);
  const items = shown.map((row) => ({
    ...presentItem(row),
    evidence: evidence.get(row.id) ?? null,
    campaign: { id: row.campaign.id, name: row.campaign.name, type: row.campaign.type as TReviewItem["campaign"]["type"], dueAt: row.campaign.dueAt.toISOString(), status: row.campaign.status as TReviewItem["campaign"]["status"] },
  }));
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}

/** The actor's own review items (campaigns that are running, or closed ones when asking for decided items). */
export async function listMyReviews(options: { actor: Actor; query: Query }) {
  assertCan(options.actor, "reviews:decide");
  if (!options.actor.userId) throw forbidden("Only people review items");
  const campaignStatus = options.query.status === "open" ? { campaign: { status: { in: ["active", "generating"] } } } : {};
  return page({ reviewerId: options.actor.userId, ...campaignStatus }, options.query);
}

/** Every item of a campaign (admins and auditors). */
export async function listCampaignItems(options: { actor: Actor; campaignId: string; query: Query }) {
  assertCan(options.actor, "campaigns:read");
  if (!(await db().campaign.findUnique({ where: { id: options.campaignId }, select: { id: true } }))) throw notFound("Campaign");
  return page({ campaignId: options.campaignId }, { ...options.query, campaignId: options.campaignId });
}
