// Tools and grants: tools waiting for a tier (new or drifted), access to
// irreversible tools, access nobody uses, and access about to expire.
import "server-only";
import type { Prisma } from "@/lib/db/client";
import { effectiveGrantToolWhere } from "@/lib/grants/effective-access";
import type { CardSpec } from "@/lib/posture/card-spec";
import { grantScopeTallies } from "@/lib/posture/grant-scope-tallies";
import { DAY_MS, daysBefore, inView, type PostureScope } from "@/lib/posture/scope";

export const EXPIRING_WITHIN_DAYS = 14;

/** Tools still reported by a server that is not revoked; in the mine view, servers the user owns. */
function liveTools(scope: PostureScope, where: Prisma.ToolWhereInput): Prisma.ToolWhereInput {
  return { removedAt: null, server: { status: { not: "revoked" }, ...inView(scope) }, ...where };
}

/**
 * Grant scopes with effective access (lib/grants/effective-access.ts, the rows
 * of the Effective access page); in the mine view, those held by the user's agents.
 */
function effectiveScopes(scope: PostureScope, grant: Prisma.GrantWhereInput = {}, where: Prisma.GrantToolWhereInput = {}): Prisma.GrantToolWhereInput {
  const base = effectiveGrantToolWhere(scope.now);
  return { ...base, ...where, grant: { ...base.grant, ...grant, agent: { ...base.grant.agent, ...inView(scope) } } };
}

/** Granted at least `days` ago and not used since (never, or last more than `days` ago). */
function unusedFor(scope: PostureScope, days: number): Prisma.GrantToolWhereInput {
  const since = daysBefore(scope.now, days);
  return effectiveScopes(scope, { createdAt: { lte: since } }, { OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: since } }] });
}

export const CATALOG_CARDS: CardSpec[] = [
  {
    id: "tools-unclassified",
    group: "catalog",
    kind: "count",
    severity: "warning",
    views: ["estate", "mine"],
    title: "Tools awaiting classification",
    description: "New tools no owner has given a tier yet: they are denied to every caller until approved.",
    rows: { source: "tool", where: (scope) => liveTools(scope, { status: "unclassified", driftedAt: null }) },
  },
  {
    id: "tools-drifted",
    group: "catalog",
    kind: "count",
    severity: "critical",
    views: ["estate", "mine"],
    title: "Drifted tools",
    description: "Tools whose description, schema or annotations changed since approval: denied until an owner approves them again.",
    rows: { source: "tool", where: (scope) => liveTools(scope, { driftedAt: { not: null } }) },
  },
  {
    id: "grants-irreversible",
    group: "catalog",
    kind: "count",
    severity: "info",
    views: ["estate", "mine"],
    title: "Access to irreversible tools",
    description: "Grant scopes with effective access to tools that delete, pay or send: keep this list short.",
    rows: { source: "grantTool", where: (scope) => effectiveScopes(scope, {}, { tool: { status: "approved", removedAt: null, tier: "irreversible" } }) },
    count: async (scope) => (await grantScopeTallies(scope)).irreversible,
    // the Effective access page lists exactly these rows, estate-wide
    href: (scope) => (scope.view === "estate" ? "/access?tier=irreversible" : "/dashboard/grants-irreversible?view=mine"),
  },
  {
    id: "grants-unused-30d",
    group: "catalog",
    kind: "count",
    severity: "info",
    views: ["estate", "mine"],
    title: "Grants unused for 30 days",
    description: "Grant scopes granted more than 30 days ago and not used in the last 30 days: candidates for removal.",
    rows: { source: "grantTool", where: (scope) => unusedFor(scope, 30) },
    count: async (scope) => (await grantScopeTallies(scope)).unused30,
  },
  {
    id: "grants-unused-90d",
    group: "catalog",
    kind: "count",
    severity: "warning",
    views: ["estate", "mine"],
    title: "Grants unused for 90 days",
    description: "Grant scopes granted more than 90 days ago and not used in the last 90 days: standing access nobody needs.",
    rows: { source: "grantTool", where: (scope) => unusedFor(scope, 90) },
    count: async (scope) => (await grantScopeTallies(scope)).unused90,
  },
  {
    id: "grants-expiring",
    group: "catalog",
    kind: "count",
    severity: "info",
    views: ["estate", "mine"],
    title: `Grants expiring within ${EXPIRING_WITHIN_DAYS} days`,
    description: "Grants with effective access that end soon: renew the ones still needed.",
    rows: {
      source: "grant",
      where: (scope) => ({
        revokedAt: null,
        suspendedAt: null,
        expiresAt: { gt: scope.now, lte: new Date(scope.now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS) },
        agent: { status: "active", ...inView(scope) },
        server: { status: "active" },
        tools: { some: { revokedAt: null, tool: { status: "approved", removedAt: null } } },
      }),
    },
  },
];
