// Campaigns as admins and auditors see them: one, or a page (newest first).
import "server-only";
import type { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { presentCampaign } from "@/lib/campaigns/present";
import type { TCampaign, ZListCampaignsQuery } from "@/lib/campaigns/schemas";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

export async function getCampaign(options: { actor: Actor; campaignId: string }): Promise<TCampaign> {
  assertCan(options.actor, "campaigns:read");
  const row = await db().campaign.findUnique({ where: { id: options.campaignId } });
  if (!row) throw notFound("Campaign");
  return presentCampaign(row);
}

export async function listCampaigns(options: { actor: Actor; query: z.output<typeof ZListCampaignsQuery> }): Promise<{ items: TCampaign[]; nextCursor: string | null }> {
  assertCan(options.actor, "campaigns:read");
  const { status, cursor, limit } = options.query;
  const rows = await db().campaign.findMany({
    where: { ...(status ? { status } : {}), ...(cursor ? { id: { lt: cursor } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return { items: page.map(presentCampaign), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}
