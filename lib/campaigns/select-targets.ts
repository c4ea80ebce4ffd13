// What a campaign reviews, read in id order one page at a time, each target
// with the snapshot its item keeps and the owners who may review it. Shared by
// the preview (counting) and item generation (lib/campaigns/generate-items.ts),
// so both see exactly the same population. Targets created after `frozenAt`
// (the launch) are left out: the population is the one that existed at launch.
// The filters' server and owner ids are bound in the same statement; their
// total is capped at MAX_FILTER_IDS (lib/campaigns/schemas.ts) so a query
// stays under SQLite's 999 bound parameters.
import "server-only";
import { db } from "@/lib/db/client";
import type { CampaignType, TCampaignFilters } from "@/lib/campaigns/schemas";

export type Target = {
  targetType: "identity" | "grant_tool" | "tool";
  targetId: string;
  /** the review chain: primary owner, then backup owner (either may be missing) */
  owners: (string | null)[];
  /** grant campaigns under the server_owner rule */
  serverOwners?: (string | null)[];
  snapshot: Record<string, unknown>;
};

const some = <T>(list: T[] | undefined): list is T[] => Array.isArray(list) && list.length > 0;
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

function identityWhere(filters: TCampaignFilters) {
  return {
    ...(some(filters.environments) ? { environment: { in: filters.environments } } : {}),
    ...(some(filters.riskTiers) ? { riskTier: { in: filters.riskTiers } } : {}),
  };
}

/** Agents holding a toxic combination of capabilities: an open finding of an enabled policy (lib/toxic). */
const TOXIC_AGENT = { kind: "agent" as const, toxicFindings: { some: { status: "open", policy: { enabled: true } } } };

function identitiesWhere(filters: TCampaignFilters, frozenAt: Date) {
  return {
    ...identityWhere(filters),
    ...(some(filters.kinds) ? { kind: { in: filters.kinds } } : {}),
    ...(some(filters.ownerIds) ? { ownerId: { in: filters.ownerIds } } : {}),
    ...(filters.toxicCombinations ? TOXIC_AGENT : {}),
    status: { not: "revoked" as const },
    createdAt: { lte: frozenAt },
  };
}

async function identities(filters: TCampaignFilters, frozenAt: Date, cursor: string | null, take: number): Promise<Target[]> {
  const rows = await db().identity.findMany({
    where: { ...identitiesWhere(filters, frozenAt), ...(cursor ? { id: { gt: cursor } } : {}) },
    orderBy: { id: "asc" },
    take,
    select: {
      id: true,
      kind: true,
      name: true,
      slug: true,
      environment: true,
      riskTier: true,
      status: true,
      ownerId: true,
      backupOwnerId: true,
      createdAt: true,
      lastCertifiedAt: true,
      keys: { where: { status: { in: ["active", "retiring"] } }, select: { kid: true, status: true, createdAt: true, expiresAt: true }, orderBy: { createdAt: "asc" } },
    },
  });
  return rows.map((row) => ({
    targetType: "identity",
    targetId: row.id,
    owners: [row.ownerId, row.backupOwnerId],
    snapshot: {
      kind: row.kind,
      name: row.name,
      slug: row.slug,
      environment: row.environment,
      riskTier: row.riskTier,
      status: row.status,
      ownerId: row.ownerId,
      backupOwnerId: row.backupOwnerId,
      registeredAt: iso(row.createdAt),
      lastCertifiedAt: iso(row.lastCertifiedAt),
      keys: row.keys.map((key) => ({ kid: key.kid, status: key.status, createdAt: iso(key.createdAt), expiresAt: iso(key.expiresAt) })),
    },
  }));
}

function grantToolsWhere(filters: TCampaignFilters, frozenAt: Date) {
  const unusedSince = filters.unusedForDays ? new Date(frozenAt.getTime() - filters.unusedForDays * 86_400_000) : null;
  return {
    revokedAt: null,
    ...(unusedSince ? { AND: [{ OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: unusedSince } }] }] } : {}),
    ...(some(filters.toolTiers) ? { tool: { tier: { in: filters.toolTiers } } } : {}),
    grant: {
      revokedAt: null,
      suspendedAt: null,
      createdAt: { lte: frozenAt },
      OR: [{ expiresAt: null }, { expiresAt: { gt: frozenAt } }],
      ...(some(filters.serverIds) ? { serverId: { in: filters.serverIds } } : {}),
      server: identityWhere(filters),
      agent: { status: { not: "revoked" as const }, ...(some(filters.ownerIds) ? { ownerId: { in: filters.ownerIds } } : {}), ...(filters.toxicCombinations ? TOXIC_AGENT : {}) },
    },
  };
}

async function grantTools(filters: TCampaignFilters, frozenAt: Date, cursor: string | null, take: number): Promise<Target[]> {
  const [grantId, toolId] = cursor ? cursor.split(":") : [null, null];
  const rows = await db().grantTool.findMany({
    // after (grantId, toolId) in key order, written as a range on the leading key so the primary-key index
    // is walked in order and the scan stops at `take` (an OR of the two cases made PostgreSQL scan and sort the rest each page)
    where: { ...grantToolsWhere(filters, frozenAt), ...(grantId && toolId ? { grantId: { gte: grantId }, NOT: { grantId, toolId: { lte: toolId } } } : {}) },
    orderBy: [{ grantId: "asc" }, { toolId: "asc" }],
    take,
    select: {
      grantId: true,
      toolId: true,
      scope: true,
      lastUsedAt: true,
      useCount: true,
      lastCertifiedAt: true,
      tool: { select: { name: true, tier: true } },
      grant: {
        select: {
          justification: true,
          grantedById: true,
          createdAt: true,
          expiresAt: true,
          agent: { select: { id: true, name: true, ownerId: true, backupOwnerId: true } },
          server: { select: { id: true, name: true, environment: true, ownerId: true, backupOwnerId: true } },
        },
      },
    },
  });
  return rows.map((row) => ({
    targetType: "grant_tool",
    targetId: `${row.grantId}:${row.toolId}`,
    owners: [row.grant.agent.ownerId, row.grant.agent.backupOwnerId],
    serverOwners: [row.grant.server.ownerId, row.grant.server.backupOwnerId],
    snapshot: {
      grantId: row.grantId,
      toolId: row.toolId,
      scope: row.scope,
      tool: row.tool.name,
      tier: row.tool.tier,
      agent: { id: row.grant.agent.id, name: row.grant.agent.name },
      server: { id: row.grant.server.id, name: row.grant.server.name, environment: row.grant.server.environment },
      justification: row.grant.justification,
      grantedById: row.grant.grantedById,
      grantedAt: iso(row.grant.createdAt),
      expiresAt: iso(row.grant.expiresAt),
      lastUsedAt: iso(row.lastUsedAt),
      useCount: row.useCount,
      lastCertifiedAt: iso(row.lastCertifiedAt),
    },
  }));
}

function toolsWhere(filters: TCampaignFilters, frozenAt: Date) {
  return {
    removedAt: null,
    tier: some(filters.toolTiers) ? { in: filters.toolTiers } : { not: null },
    createdAt: { lte: frozenAt },
    ...(some(filters.serverIds) ? { serverId: { in: filters.serverIds } } : {}),
    server: { ...identityWhere(filters), status: { not: "revoked" as const }, ...(some(filters.ownerIds) ? { ownerId: { in: filters.ownerIds } } : {}) },
  };
}

async function tools(filters: TCampaignFilters, frozenAt: Date, cursor: string | null, take: number): Promise<Target[]> {
  const rows = await db().tool.findMany({
    where: { ...toolsWhere(filters, frozenAt), ...(cursor ? { id: { gt: cursor } } : {}) },
    orderBy: { id: "asc" },
    take,
    select: { id: true, name: true, scope: true, tier: true, status: true, approvedAt: true, approvedById: true, server: { select: { id: true, name: true, ownerId: true, backupOwnerId: true } } },
  });
  return rows.map((row) => ({
    targetType: "tool",
    targetId: row.id,
    owners: [row.server.ownerId, row.server.backupOwnerId],
    snapshot: { name: row.name, scope: row.scope, tier: row.tier, status: row.status, approvedAt: iso(row.approvedAt), approvedById: row.approvedById, server: { id: row.server.id, name: row.server.name } },
  }));
}

/** The next `take` targets after `cursor` (a target id), in target id order. */
export function selectTargets(type: CampaignType, filters: TCampaignFilters, frozenAt: Date, cursor: string | null, take: number): Promise<Target[]> {
  if (type === "identity") return identities(filters, frozenAt, cursor, take);
  if (type === "grant") return grantTools(filters, frozenAt, cursor, take);
  return tools(filters, frozenAt, cursor, take);
}

/** How many targets the campaign has (one count query). */
export function countTargets(type: CampaignType, filters: TCampaignFilters, frozenAt: Date): Promise<number> {
  if (type === "identity") return db().identity.count({ where: identitiesWhere(filters, frozenAt) });
  if (type === "grant") return db().grantTool.count({ where: grantToolsWhere(filters, frozenAt) });
  return db().tool.count({ where: toolsWhere(filters, frozenAt) });
}
