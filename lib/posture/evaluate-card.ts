// Turns a registry card's declaration into its number, severity and link.
import "server-only";
import { can } from "@/lib/auth/actor";
import { drilldownHref, text, type CardSpec } from "@/lib/posture/card-spec";
import { CATALOG_CARDS } from "@/lib/posture/catalog-cards";
import { countRows } from "@/lib/posture/count-rows";
import { COVERAGE_CARDS } from "@/lib/posture/coverage-cards";
import { IDENTITY_CARDS } from "@/lib/posture/identity-cards";
import { KEY_PROTECTION_CARDS } from "@/lib/posture/key-protection-cards";
import { REVIEW_CARDS } from "@/lib/posture/review-cards";
import type { PostureScope } from "@/lib/posture/scope";
import type { PostureCardId, TPostureCard } from "@/lib/posture/schemas";
import { TOKEN_CARDS } from "@/lib/posture/token-cards";
import { TOXIC_CARDS } from "@/lib/posture/toxic-cards";

export const REGISTRY_CARDS: CardSpec[] = [...IDENTITY_CARDS, ...KEY_PROTECTION_CARDS, ...TOKEN_CARDS, ...CATALOG_CARDS, ...TOXIC_CARDS, ...REVIEW_CARDS, ...COVERAGE_CARDS];

/** The card declared under `id`, if the scope's view shows it and the actor may see it. */
export function visibleCard(id: PostureCardId, scope: PostureScope): CardSpec | null {
  const spec = REGISTRY_CARDS.find((card) => card.id === id);
  if (!spec || !spec.views.includes(scope.view)) return null;
  const needed = spec.requires?.(scope.view);
  return needed && !can(scope.actor, needed) ? null : spec;
}

export function visibleCards(scope: PostureScope): CardSpec[] {
  return REGISTRY_CARDS.filter((spec) => visibleCard(spec.id, scope) !== null);
}

export async function evaluateCard(spec: CardSpec, scope: PostureScope): Promise<TPostureCard> {
  const common = { id: spec.id, title: text(spec.title, scope), description: text(spec.description, scope), href: spec.href?.(scope) ?? drilldownHref(spec.id, scope) };
  if (spec.kind === "count") {
    const value = await (spec.count ? spec.count(scope) : countRows(spec.rows, scope));
    return { ...common, value, total: null, severity: value > 0 ? spec.severity : "ok" };
  }
  const { part, gap } = spec.counts ? await spec.counts(scope) : await Promise.all([countRows(spec.part, scope), countRows(spec.gap, scope)]).then(([part, gap]) => ({ part, gap }));
  return { ...common, value: part, total: part + gap, severity: gap > 0 ? "warning" : "ok" };
}
