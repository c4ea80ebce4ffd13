// The rows behind one registry card, for its drill-down page: the card's own
// query (for a share, the part that falls short), with the same view and
// permission rules as the dashboard, so the list matches the number.
import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors/app-error";
import { DRILLDOWN_MAX_ITEMS } from "@/lib/posture/card-spec";
import { evaluateCard, visibleCard } from "@/lib/posture/evaluate-card";
import { presentRows } from "@/lib/posture/present-rows";
import { POSTURE_CARD_IDS, POSTURE_VIEWS, type TPostureItems } from "@/lib/posture/schemas";
import { postureScope } from "@/lib/posture/scope";

export const ZPostureItemsQuery = z.object({
  card: z.enum(POSTURE_CARD_IDS),
  view: z.enum(POSTURE_VIEWS).optional(),
  limit: z.number().int().min(1).max(DRILLDOWN_MAX_ITEMS).default(200),
});

export async function listCardItems(options: { actor: Actor; query: z.input<typeof ZPostureItemsQuery>; now?: Date }): Promise<TPostureItems> {
  const query = ZPostureItemsQuery.parse(options.query);
  const scope = await postureScope(options.actor, query.view, options.now ?? new Date());
  // cards counted from the audit log link to the audit explorer instead
  const spec = visibleCard(query.card, scope);
  if (!spec) throw notFound("This card's list");
  const rows = spec.kind === "count" ? spec.rows : spec.gap;
  const [card, items] = await Promise.all([evaluateCard(spec, scope), presentRows(spec.id, rows, scope, query.limit + 1)]);
  return { card, view: scope.view, items: items.slice(0, query.limit), truncated: items.length > query.limit };
}
