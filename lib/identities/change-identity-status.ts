// The identity lifecycle: pending → active → suspended ⇄ active, and revoked
// from any state, for ever (register anew). Approving and resuming need
// identities:approve (admins); owners may suspend or revoke what they own, so a
// compromised identity can be stopped without waiting for an admin. Revocation
// also revokes the identity's keys and is recorded for the policy bundle.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import type { AuditAction } from "@/lib/audit/actions";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { reevaluateAfterRemoval, reevaluateAgents } from "@/lib/toxic/check";
import { transact, type Tx } from "@/lib/db/transaction";
import { conflict, invalid } from "@/lib/errors/app-error";
import { loadIdentityForChange } from "@/lib/identities/access";
import { KIND_INFO, type IdentityStatus } from "@/lib/identities/kinds";
import { IDENTITY_INCLUDE, presentIdentity } from "@/lib/identities/present";
import { recordRevocation, type RevocationSource } from "@/lib/identities/record-revocation";
import type { TIdentity } from "@/lib/identities/schemas";

export type StatusChange = "approve" | "suspend" | "resume" | "revoke";

const RULES: Record<StatusChange, { from: IdentityStatus[]; to: IdentityStatus; adminOnly: boolean; reasonRequired: boolean; action: AuditAction }> = {
  approve: { from: ["pending"], to: "active", adminOnly: true, reasonRequired: false, action: "identity.approved" },
  suspend: { from: ["active"], to: "suspended", adminOnly: false, reasonRequired: true, action: "identity.suspended" },
  resume: { from: ["suspended"], to: "active", adminOnly: true, reasonRequired: false, action: "identity.resumed" },
  revoke: { from: ["pending", "active", "suspended"], to: "revoked", adminOnly: false, reasonRequired: true, action: "identity.revoked" },
};

function refusal(change: StatusChange, status: IdentityStatus, label: string): string {
  if (status === "revoked") return `This ${label} is revoked; revoked identities can never be reactivated. Register a new one.`;
  const verbs: Record<StatusChange, string> = { approve: "approve", suspend: "suspend", resume: "resume", revoke: "revoke" };
  return `Cannot ${verbs[change]} a ${status} ${label}; allowed from ${RULES[change].from.join(" or ")}`;
}

export async function changeIdentityStatus(options: { actor: Actor; identityId: string; change: StatusChange; reason?: string; context?: RequestContext | null }): Promise<TIdentity> {
  const row = await transact((tx) => changeIdentityStatusIn(tx, options));
  return presentIdentity(row);
}

/** The same change inside the caller's transaction (campaign decisions apply it atomically with the decision). */
export async function changeIdentityStatusIn(tx: Tx, options: { actor: Actor; identityId: string; change: StatusChange; reason?: string; context?: RequestContext | null; source?: RevocationSource }) {
  const { actor, identityId, change, context } = options;
  const rule = RULES[change];
  if (rule.adminOnly) assertCan(actor, "identities:approve");
  const reason = options.reason?.trim() || null;
  if (rule.reasonRequired && (!reason || reason.length < 3)) throw invalid("A reason is required", [{ path: "reason", message: "give a reason of at least 3 characters" }]);
  const identity = await loadIdentityForChange(tx, actor, identityId);
  const label = KIND_INFO[identity.kind].label.toLowerCase();
  if (!rule.from.includes(identity.status)) throw conflict(refusal(change, identity.status, label));
  const now = new Date();
  const updated = await tx.identity.update({
    where: { id: identityId },
    data: {
      status: rule.to,
      statusChangedAt: now,
      statusReason: reason ?? (change === "approve" || change === "resume" ? null : identity.statusReason),
      ...(change === "approve" ? { approvedAt: now, approvedById: actor.userId } : {}),
      ...(change === "revoke" ? { revokedAt: now } : {}),
    },
    include: IDENTITY_INCLUDE,
  });
  let revokedKeys = 0;
  if (change === "revoke") {
    revokedKeys = (await tx.identityKey.updateMany({ where: { identityId, status: { not: "revoked" } }, data: { status: "revoked", revokedAt: now, revokedReason: "identity revoked" } })).count;
    await recordRevocation(tx, { actor, subjectType: "identity", subjectId: identityId, identityId, reason: reason!, at: now, source: options.source });
  }
  await appendAuditEvent(tx, {
    action: rule.action,
    actor: actorRef(actor),
    target: { type: identity.kind, id: identityId },
    details: { from: identity.status, to: rule.to, reason, ...(change === "revoke" ? { revokedKeys } : {}), ...(options.source ? { source: options.source } : {}) },
    context,
  });
  // only active agents and servers give access: a status change can end (or bring back) a toxic combination
  if (identity.kind === "agent" || identity.kind === "server") {
    const agentIds = identity.kind === "agent" ? [identityId] : [...new Set((await tx.grant.findMany({ where: { serverId: identityId, revokedAt: null }, select: { agentId: true } })).map((grant) => grant.agentId))];
    const why = `${label} ${identityId} ${rule.to}`;
    if (rule.to === "active") await reevaluateAgents(tx, agentIds, why);
    else await reevaluateAfterRemoval(tx, agentIds, why);
  }
  return change === "revoke" ? tx.identity.findUniqueOrThrow({ where: { id: identityId }, include: IDENTITY_INCLUDE }) : updated;
}
