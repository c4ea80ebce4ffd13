// Effective access: which agent may call which tool now. A scope counts only
// while all of these hold: the grant is not revoked and not expired, the grant's
// tool is not narrowed away, the tool is approved and still reported, and both
// the agent and the server are active. Answers questions such as "which agents
// can call irreversible tools on server X?".
import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { TEffectiveAccess, ZEffectiveAccessQuery } from "@/lib/grants/schemas";

/** Every condition except expiry, for callers that cache rows and compare grant.expiresAt with the clock themselves. */
export function standingGrantToolWhere() {
  return {
    revokedAt: null,
    // a grant suspended by a block-mode toxic-combination policy gives nothing until lifted
    grant: { revokedAt: null, suspendedAt: null, agent: { status: "active" as const }, server: { status: "active" as const } },
    tool: { status: "approved" as const, removedAt: null },
  };
}

export function effectiveGrantToolWhere(now: Date) {
  const standing = standingGrantToolWhere();
  return { ...standing, grant: { ...standing.grant, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } };
}

export async function effectiveAccess(options: { actor: Actor; query: z.output<typeof ZEffectiveAccessQuery>; now?: Date }): Promise<{ items: TEffectiveAccess[]; truncated: boolean }> {
  assertCan(options.actor, "identities:read");
  const { query } = options;
  const now = options.now ?? new Date();
  const base = effectiveGrantToolWhere(now);
  const rows = await db().grantTool.findMany({
    where: {
      ...base,
      grant: { ...base.grant, ...(query.serverId ? { serverId: query.serverId } : {}), ...(query.agentId ? { agentId: query.agentId } : {}) },
      tool: { ...base.tool, ...(query.tier ? { tier: query.tier } : {}) },
    },
    include: {
      tool: { select: { id: true, name: true, tier: true } },
      grant: { select: { id: true, expiresAt: true, agent: { select: { id: true, name: true } }, server: { select: { id: true, name: true } } } },
    },
    orderBy: [{ scope: "asc" }],
    take: query.limit + 1,
  });
  const truncated = rows.length > query.limit;
  return {
    items: rows.slice(0, query.limit).map((row) => ({
      agent: row.grant.agent,
      server: row.grant.server,
      tool: { id: row.tool.id, name: row.tool.name, tier: row.tool.tier! },
      scope: row.scope,
      grantId: row.grant.id,
      expiresAt: row.grant.expiresAt?.toISOString() ?? null,
    })),
    truncated,
  };
}
