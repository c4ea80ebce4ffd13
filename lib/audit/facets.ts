// The facets of an audit event: who (agent, server, resource, gateway), what
// (tool, scope, tier, token jti and its parent) and a free-text field, read
// from the chained content. They are stored in indexed columns so the audit
// explorer filters with indexes instead of scanning JSON; they are not part of
// the hash, so the verifier recomputes them from the hashed content and treats
// a stored facet that differs as a break (lib/audit/verify.ts).
//
// Pure and generic: events that name these things use the same detail keys
// (agentId, serverId, resourceId, gatewayId, tool, scope/scopes, tier/tiers,
// jti/tokenJti, parentJti), so a new event type gets facets by naming its
// details that way.

/** Bump when the projection changes; rows with an older version are re-projected by the backfill. */
export const FACET_VERSION = 1;

export type AuditFacets = {
  facetVersion: number;
  agentId: string | null;
  serverId: string | null;
  resourceId: string | null;
  gatewayId: string | null;
  tool: string | null;
  scope: string | null;
  tier: string | null;
  jti: string | null;
  parentJti: string | null;
  search: string | null;
};

export const FACET_COLUMNS = ["facetVersion", "agentId", "serverId", "resourceId", "gatewayId", "tool", "scope", "tier", "jti", "parentJti", "search"] as const satisfies readonly (keyof AuditFacets)[];

type FacetSource = {
  action: string;
  actorId: string | null;
  actorLabel: string | null;
  targetType: string | null;
  targetId: string | null;
  details: unknown;
};

const TIER_RANK: Record<string, number> = { read: 1, write: 2, irreversible: 3 };
/** Detail keys whose text is searchable (human descriptions, names, reasons). */
const TEXT_KEYS = ["reason", "error", "description", "comment", "name", "label", "message", "clientId", "resource", "email", "tool", "method"];
const SEARCH_MAX = 1000;
const ID_MAX = 300;

function text(value: unknown, max = ID_MAX): string | null {
  return typeof value === "string" && value.length > 0 ? value.slice(0, max) : null;
}

/** The highest tier among a token's scopes (irreversible > write > read). */
function highestTier(tiers: unknown): string | null {
  if (!tiers || typeof tiers !== "object") return null;
  let best: string | null = null;
  for (const tier of Object.values(tiers as Record<string, unknown>)) {
    if (typeof tier === "string" && (TIER_RANK[tier] ?? 0) > (best ? TIER_RANK[best]! : 0)) best = tier;
  }
  return best;
}

function scopeOf(details: Record<string, unknown>): string | null {
  if (Array.isArray(details.scopes)) {
    const scopes = details.scopes.filter((scope): scope is string => typeof scope === "string");
    return scopes.length > 0 ? scopes.join(" ").slice(0, ID_MAX) : null;
  }
  return text(details.scope);
}

export function auditFacets(event: FacetSource): AuditFacets {
  const details = (event.details && typeof event.details === "object" ? event.details : {}) as Record<string, unknown>;
  const words: string[] = [];
  for (const value of [event.actorLabel, event.action, event.targetId, ...TEXT_KEYS.map((key) => details[key])]) {
    if (typeof value === "string" && value.length > 0) words.push(value);
  }
  const search = words.join(" ").toLowerCase().slice(0, SEARCH_MAX);
  return {
    facetVersion: FACET_VERSION,
    agentId: text(details.agentId),
    serverId: text(details.serverId),
    resourceId: text(details.resourceId),
    gatewayId: text(details.gatewayId),
    tool: text(details.tool),
    scope: scopeOf(details),
    tier: text(details.tier) ?? highestTier(details.tiers),
    jti: text(details.jti) ?? text(details.tokenJti),
    parentJti: text(details.parentJti),
    search: search.length > 0 ? search : null,
  };
}

/** The scopes a stored `scope` facet names, each once (the rows of the AuditEventScope index). */
export function scopesOf(scope: string | null): string[] {
  return scope ? [...new Set(scope.split(" ").filter(Boolean))] : [];
}

/** The first facet whose stored value differs from the projection of the content, or null. */
export function facetMismatch(stored: Record<(typeof FACET_COLUMNS)[number], unknown>, event: FacetSource): string | null {
  const expected = auditFacets(event);
  for (const column of FACET_COLUMNS) {
    if ((stored[column] ?? null) !== expected[column]) return column;
  }
  return null;
}
