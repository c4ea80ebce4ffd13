// Bulk decisions ("certify every read-tier grant in this campaign"): the
// reviewer's own open items, chosen by id or by a filter, each decided and
// recorded on its own through decideItem — with every rule of a single
// decision (a comment for irreversible access, the version compare-and-set),
// so one item's refusal (e.g. decided meanwhile) leaves the others decided and
// is reported with its reason. At most 500 items per call.
import "server-only";
import type { z } from "zod";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { decideItem } from "@/lib/campaigns/decide-item";
import { liveEvidence } from "@/lib/campaigns/item-evidence";
import { ZBulkDecideInput, type TBulkDecideResult } from "@/lib/campaigns/schemas";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors/app-error";

const MAX_ITEMS = 500;

export async function bulkDecide(options: { actor: Actor; input: z.input<typeof ZBulkDecideInput>; context?: RequestContext | null; now?: Date }): Promise<TBulkDecideResult> {
  const { actor, context } = options;
  assertCan(actor, "reviews:decide");
  if (!actor.userId) throw forbidden("Only people review items");
  const input = ZBulkDecideInput.parse(options.input);
  const filter = input.filter;
  const rows = await db().campaignItem.findMany({
    where: {
      reviewerId: actor.userId,
      status: { in: ["open", "escalated"] },
      campaign: { status: { in: ["active", "generating"] } },
      ...(input.itemIds ? { id: { in: input.itemIds } } : {}),
      ...(filter?.campaignId ? { campaignId: filter.campaignId } : {}),
      ...(filter?.targetType ? { targetType: filter.targetType } : {}),
    },
    orderBy: { id: "asc" },
    take: MAX_ITEMS + 1,
    select: { id: true, version: true, snapshot: true, targetType: true, targetId: true },
  });
  // the tier lives in the snapshot (JSON): filtered here, alike on both databases
  let chosen = rows.slice(0, MAX_ITEMS).filter((row) => !filter?.tiers || filter.tiers.includes((row.snapshot as { tier?: string }).tier as never));
  if (filter?.usedWithinDays) {
    // usage is live evidence (what enforcement points reported up to now), not the launch snapshot
    const since = (options.now ?? new Date()).getTime() - filter.usedWithinDays * 86_400_000;
    const evidence = await liveEvidence(chosen, options.now);
    chosen = chosen.filter((row) => {
      const lastUsedAt = evidence.get(row.id)?.lastUsedAt;
      return row.targetType === "grant_tool" && Boolean(lastUsedAt) && Date.parse(lastUsedAt!) >= since;
    });
  }
  const result: TBulkDecideResult = { decided: [], refused: [] };
  for (const id of input.itemIds ?? []) if (!rows.some((row) => row.id === id)) result.refused.push({ itemId: id, message: "Not an open item of yours in a running campaign" });
  for (const row of chosen) {
    try {
      await decideItem({ actor, itemId: row.id, input: input.decision === "revoke" ? { decision: "revoke", comment: input.comment!, version: row.version } : { decision: "certify", comment: input.comment, version: row.version }, context, now: options.now });
      result.decided.push(row.id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.refused.push({ itemId: row.id, message: error.message });
    }
  }
  return result;
}
