// Identities: without an accountable owner, without a key to authenticate
// with, or with keys older than the rotation policy.
import "server-only";
import type { Prisma } from "@/lib/db/client";
import type { CardSpec } from "@/lib/posture/card-spec";
import { daysBefore, liveIdentities } from "@/lib/posture/scope";

/**
 * The kinds that authenticate to Warden with private_key_jwt (agents at the
 * token endpoint, servers for token exchange and policy reports, gateways for
 * bundles); a downstream resource only receives tokens, so it needs no key.
 */
export const KEYED_KINDS = ["agent", "server", "gateway"] as const;

/** A key Warden accepts right now, as client authentication does (lib/oauth/client-auth.ts). */
export function usableKey(now: Date): Prisma.IdentityKeyWhereInput {
  return {
    AND: [{ OR: [{ status: "active" }, { status: "retiring", retiringUntil: { gt: now } }] }, { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }],
  };
}

export const IDENTITY_CARDS: CardSpec[] = [
  {
    id: "orphaned",
    group: "identities",
    kind: "count",
    severity: "critical",
    views: ["estate", "mine"],
    title: (scope) => (scope.view === "mine" ? "Primary owner gone" : "Identities without an owner"),
    description: (scope) =>
      scope.view === "mine"
        ? "Identities you back up whose primary owner was deactivated: nobody answers for them but you."
        : "Identities whose owner was deactivated (orphans): nobody answers for them in reviews.",
    rows: { source: "identity", where: (scope) => liveIdentities(scope, { owner: { active: false } }) },
  },
  {
    id: "no-keys",
    group: "identities",
    kind: "count",
    severity: "warning",
    views: ["estate", "mine"],
    title: "Without a usable key",
    description: "Agents, servers and gateways with no active key (nor a retiring one in its overlap): they cannot authenticate to Warden.",
    rows: { source: "identity", where: (scope) => liveIdentities(scope, { kind: { in: [...KEYED_KINDS] }, keys: { none: usableKey(scope.now) } }) },
  },
  {
    id: "old-keys",
    group: "identities",
    kind: "count",
    severity: "warning",
    views: ["estate", "mine"],
    title: "Keys past the rotation policy",
    description: (scope) => `Identities with an active key registered more than ${scope.keyMaxAgeDays} days ago (setting keyMaxAgeDays): rotate it.`,
    rows: {
      source: "identity",
      where: (scope) =>
        liveIdentities(scope, {
          keys: { some: { status: "active", createdAt: { lte: daysBefore(scope.now, scope.keyMaxAgeDays) }, OR: [{ expiresAt: null }, { expiresAt: { gt: scope.now } }] } },
        }),
    },
  },
];
