// The posture dashboard (docs/posture.md): admins and auditors see the whole
// estate — registry cards, audit coverage and the daily trends; owners see
// their own identities needing attention. Every number comes from aggregate
// queries (counts; one pass over each day of the audit log, finished days
// kept), never from rows loaded into memory, and carries the link to the
// list behind it.
import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { evaluateCard, visibleCards } from "@/lib/posture/evaluate-card";
import { activityCards, tokenCards } from "@/lib/posture/event-cards";
import { postureScope } from "@/lib/posture/scope";
import { POSTURE_CARD_IDS, POSTURE_GROUP_IDS, ZPostureOptions, type PostureGroupId, type TPosture, type TPostureCard } from "@/lib/posture/schemas";
import { countActivity, postureTrends } from "@/lib/posture/trends";

export const GROUP_TITLES: Record<PostureGroupId, string> = {
  identities: "Identities",
  tokens: "Sender-constrained tokens",
  catalog: "Tools and grants",
  recertification: "Recertification",
  coverage: "Audit coverage",
  activity: "Denied calls and refusals",
};

const GROUP_OF: Record<string, PostureGroupId> = {
  "sender-constrained-7d": "tokens",
  "sender-constrained-30d": "tokens",
  "denied-calls": "activity",
  "token-refusals": "activity",
};

export async function getPosture(options: { actor: Actor; query?: z.input<typeof ZPostureOptions>; now?: Date }): Promise<TPosture> {
  const query = ZPostureOptions.parse(options.query ?? {});
  const now = options.now ?? new Date();
  const scope = await postureScope(options.actor, query.view, now);
  const specs = visibleCards(scope);
  const estate = scope.view === "estate";
  const [registry, activity] = await Promise.all([Promise.all(specs.map((spec) => evaluateCard(spec, scope))), estate ? countActivity(now) : Promise.resolve(null)]);
  const events = activity ? [...tokenCards(activity), ...activityCards(activity, query.days)] : [];
  const groupOf = (card: TPostureCard) => GROUP_OF[card.id] ?? specs.find((spec) => spec.id === card.id)!.group;
  const order = (card: TPostureCard) => POSTURE_CARD_IDS.indexOf(card.id);
  const cards = [...registry, ...events].sort((a, b) => order(a) - order(b));
  const groups = POSTURE_GROUP_IDS.map((id) => ({ id, title: GROUP_TITLES[id], cards: cards.filter((card) => groupOf(card) === id) })).filter((group) => group.cards.length > 0);
  const trends = activity ? postureTrends(activity, query.days, now) : null;
  return { view: scope.view, asOf: now.toISOString(), keyMaxAgeDays: scope.keyMaxAgeDays, groups, trends };
}
