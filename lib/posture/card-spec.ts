// How a registry card is declared: which rows it counts (one Prisma `where`
// over one table), its words, how urgent a non-zero count is, and which views
// show it. The count and the drill-down list both run that `where`, so the
// list behind a number is exactly what was counted.
import "server-only";
import type { Permission } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/client";
import type { PostureScope } from "@/lib/posture/scope";
import type { PostureCardId, PostureGroupId, PostureView, Severity } from "@/lib/posture/schemas";

type Where<T> = (scope: PostureScope) => T | Promise<T>;

export type RowQuery =
  | { source: "identity"; where: Where<Prisma.IdentityWhereInput> }
  | { source: "tool"; where: Where<Prisma.ToolWhereInput> }
  | { source: "grantTool"; where: Where<Prisma.GrantToolWhereInput> }
  | { source: "grant"; where: Where<Prisma.GrantWhereInput> }
  | { source: "campaignItem"; where: Where<Prisma.CampaignItemWhereInput> }
  | { source: "toxicFinding"; where: Where<Prisma.ToxicFindingWhereInput> };

type Common = {
  id: PostureCardId;
  group: PostureGroupId;
  title: string | ((scope: PostureScope) => string);
  description: string | ((scope: PostureScope) => string);
  views: readonly PostureView[];
  /** beyond identities:read, e.g. campaigns:read for the estate's review items */
  requires?: (view: PostureView) => Permission | null;
  /** an existing console page that lists exactly these rows; otherwise the card's drill-down page */
  href?: (scope: PostureScope) => string;
};

/**
 * A number of rows; non-zero is `severity`. `count`, where given, is a faster
 * query for the same number (the drill-down still lists `rows`;
 * tests/integration/posture.test.ts checks both agree).
 */
export type CountCardSpec = Common & { kind: "count"; severity: Exclude<Severity, "ok">; rows: RowQuery; count?: (scope: PostureScope) => Promise<number> };

/**
 * A share: `part` of `part + gap` (disjoint). Anything short of all is a
 * warning; the drill-down lists the gap, which is what needs attention.
 * `counts` replaces the two row counts where the rows are known in memory
 * (`gap` then lists at most DRILLDOWN_MAX_ITEMS + 1 of them).
 */
export type ShareCardSpec = Common & { kind: "share"; gap: RowQuery } & ({ part: RowQuery; counts?: never } | { part?: never; counts: (scope: PostureScope) => Promise<{ part: number; gap: number }> });

/** The most rows a drill-down lists (it asks for one more to tell whether it was truncated). */
export const DRILLDOWN_MAX_ITEMS = 500;

export type CardSpec = CountCardSpec | ShareCardSpec;

export const text = (value: string | ((scope: PostureScope) => string), scope: PostureScope) => (typeof value === "string" ? value : value(scope));

/** The drill-down page of a card (app/(console)/dashboard/[card]). */
export function drilldownHref(id: PostureCardId, scope: Pick<PostureScope, "view">): string {
  return `/dashboard/${id}${scope.view === "mine" ? "?view=mine" : ""}`;
}
