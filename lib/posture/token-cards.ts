// Sender-constrained tokens, from the registry: who may still use Bearer
// tokens, and which servers Warden does not enforce at all. (The share of
// tokens actually issued DPoP-bound comes from the audit log:
// lib/posture/token-share.ts.)
import "server-only";
import { db, type Prisma } from "@/lib/db/client";
import type { CardSpec } from "@/lib/posture/card-spec";
import { liveIdentities, memo, type PostureScope } from "@/lib/posture/scope";

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
