// Sender-constrained tokens, from the registry: who may still use Bearer
// tokens, and which servers Warden does not enforce at all. (The share of
// tokens actually issued DPoP-bound comes from the audit log:
// lib/posture/token-share.ts.)
import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { CardSpec } from "@/lib/posture/card-spec";
import { liveIdentities, memo, type PostureScope } from "@/lib/posture/scope";
import { run, sql, toNumber } from "@/lib/posture/sql";

/**
 * A grant through which an agent registered without DPoP has effective access:
 * the same condition that makes a server's Protected Resource Metadata say
 * dpop_bound_access_tokens_required: false (lib/catalog/protected-resource-metadata.ts),
 * and that lets its enforcement point accept that agent's Bearer tokens (lib/gateway/decide.ts).
 */
function bearerGrant(now: Date): Prisma.GrantWhereInput {
  return {
    revokedAt: null,
    suspendedAt: null,
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    agent: { status: "active", tokenBinding: "bearer" },
    tools: { some: { revokedAt: null, tool: { status: "approved", removedAt: null } } },
  };
}

/**
 * The bearer-servers count, driven from the Bearer agents (few) to their grants' servers, where the
 * card's definition below checks every active server's grants (274 ms on PostgreSQL, 110–130 ms on
 * SQLite at 1,000 servers and 100,000 grants); the same conditions as bearerGrant and liveIdentities,
 * and tests/integration/posture.test.ts checks the number against the definition's list.
 */
async function countBearerServers(scope: PostureScope): Promise<number> {
  const query = sql();
  const now = query.bind(scope.now);
  const owner = scope.ownerId ? ` AND (s."ownerId" = ${query.bind(scope.ownerId)} OR s."backupOwnerId" = ${query.bind(scope.ownerId)})` : "";
  const [row] = await run<{ servers: bigint | number | null }>(
    query,
    `SELECT COUNT(DISTINCT g."serverId") AS "servers"
     FROM "Identity" a
     JOIN "Grant" g ON g."agentId" = a."id"
     JOIN "Identity" s ON s."id" = g."serverId"
     WHERE a."kind" = 'agent' AND a."status" = 'active' AND a."tokenBinding" = 'bearer'
       AND g."revokedAt" IS NULL AND g."suspendedAt" IS NULL AND (g."expiresAt" IS NULL OR g."expiresAt" > ${now})
       AND s."kind" = 'server' AND s."status" = 'active'${owner}
       AND EXISTS (SELECT 1 FROM "GrantTool" gt JOIN "Tool" t ON t."id" = gt."toolId" WHERE gt."grantId" = g."id" AND gt."revokedAt" IS NULL AND t."status" = 'approved' AND t."removedAt" IS NULL)`,
  );
  return toNumber(row?.servers);
}

/** Whether an active gateway fronts every server (then no server is left without an enforcement point). */
function anyGatewayFrontsAll(scope: PostureScope): Promise<boolean> {
  return memo(scope, "gateway-fronts-all", async () => (await db().identity.count({ where: { kind: "gateway", status: "active", frontsAllServers: true } })) > 0);
}

export const TOKEN_CARDS: CardSpec[] = [
  {
    id: "bearer-servers",
    group: "tokens",
    kind: "count",
    severity: "warning",
    views: ["estate", "mine"],
    title: "Servers accepting Bearer tokens",
    description: "Active servers where an agent registered without DPoP has effective access, so they must accept its Bearer tokens.",
    rows: { source: "identity", where: (scope) => liveIdentities(scope, { kind: "server", status: "active", grantsOn: { some: bearerGrant(scope.now) } }) },
    count: countBearerServers,
  },
  {
    id: "bearer-agents",
    group: "tokens",
    kind: "count",
    severity: "warning",
    views: ["estate", "mine"],
    title: "Agents with unbound tokens",
    description: "Agents registered with token binding bearer (neither DPoP nor mTLS): they obtain Bearer tokens, which anyone holding a copy can use.",
    rows: { source: "identity", where: (scope) => liveIdentities(scope, { kind: "agent", tokenBinding: "bearer" }) },
  },
  {
    id: "unenforced-servers",
    group: "tokens",
    kind: "count",
    severity: "warning",
    views: ["estate", "mine"],
    title: "Servers without Warden enforcement",
    description:
      "Active servers that no active gateway fronts and whose own SDK never reported: Warden's tokens are not checked there, so they still take whatever they took before, typically a shared API key.",
    rows: {
      source: "identity",
      where: async (scope) =>
        (await anyGatewayFrontsAll(scope))
          ? { id: { in: [] } }
          : liveIdentities(scope, { kind: "server", status: "active", enforcementStatus: { is: null }, frontedBy: { none: { gateway: { status: "active" } } } }),
    },
  },
];
