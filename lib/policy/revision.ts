// The policy revision: a counter in the database, incremented in the same
// transaction as every audited change that can alter an access decision
// (identities, their keys, catalogs and tools, grants, exchange policies,
// users who own identities, token revocations, signing-key rotations, trusted
// attesters, settings — which say whose keys must be hardware-bound).
// Whatever an instance derives from that state — the token endpoint's lookups,
// compiled policy bundles — is valid for one revision: the instance that makes a change drops it when the change
// commits, and every other instance hears of it (PostgreSQL NOTIFY, delivered
// at commit) or polls the counter (SQLite) (lib/policy/policy-cache.ts).
import type { AuditAction } from "@/lib/audit/actions";
import { dbProvider } from "@/lib/db/client";
import { onCommit, type Tx } from "@/lib/db/transaction";
import { policyChangedHere } from "@/lib/policy/policy-cache";
import { POLICY_CHANNEL } from "@/lib/policy/revision-listener";

const POLICY_PREFIXES = ["identity.", "key.", "catalog.", "grant.", "exchange_policy.", "server.", "user.", "signing_key.", "attester.", "toxic_policy."];
/** Audited, but they change nothing a decision depends on. */
const NOT_POLICY = new Set<AuditAction>(["key.challenge_issued"]);
/** Outside those prefixes, but published in the policy bundle. */
const ALSO_POLICY = new Set<AuditAction>(["token.revoked", "settings.updated"]);

export function changesPolicy(action: AuditAction): boolean {
  return ALSO_POLICY.has(action) || (!NOT_POLICY.has(action) && POLICY_PREFIXES.some((prefix) => action.startsWith(prefix)));
}

/** Increments the revision inside `tx`; derived state is dropped now and again once `tx` commits. */
export async function bumpPolicyRevision(tx: Tx): Promise<bigint> {
  const row = await tx.policyState.update({ where: { id: 1 }, data: { revision: { increment: 1 }, changedAt: new Date() }, select: { revision: true } });
  // PostgreSQL delivers the notification to every listening instance when tx commits, and never if it rolls back
  if (dbProvider() === "postgresql") await tx.$executeRaw`SELECT pg_notify(${POLICY_CHANNEL}, ${String(row.revision)})`;
  // dropping before the commit stops this instance caching what the change is about to replace;
  // dropping after it stops a lookup that ran in between from keeping the old state
  policyChangedHere();
  onCommit(tx, policyChangedHere);
  return row.revision;
}
