// Revokes a grant with a reason: admins, the server's owners (it is their
// server) and the agent's owners (access they no longer need). Recorded for
// the policy bundle.
import "server-only";
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { reevaluateAfterRemoval } from "@/lib/toxic/check";
import { conflict, forbidden, notFound } from "@/lib/errors/app-error";
import { ownsIdentity } from "@/lib/identities/access";
import { recordRevocation } from "@/lib/identities/record-revocation";
import { GRANT_INCLUDE, presentGrant } from "@/lib/grants/present";
import { ZRevokeGrantInput, type TGrant } from "@/lib/grants/schemas";

export async function revokeGrant(options: { actor: Actor; grantId: string; input: z.input<typeof ZRevokeGrantInput>; context?: RequestContext | null }): Promise<TGrant> {
  const { actor, grantId, context } = options;
  const { reason } = ZRevokeGrantInput.parse(options.input);
  return transact(async (tx) => {
    const grant = await tx.grant.findUnique({ where: { id: grantId }, include: { agent: { select: { ownerId: true, backupOwnerId: true } }, server: { select: { ownerId: true, backupOwnerId: true } } } });
    if (!grant) throw notFound("Grant");
    const allowed = can(actor, "grants:manage") || (can(actor, "identities:register") && (ownsIdentity(actor, grant.agent) || ownsIdentity(actor, grant.server)));
    if (!allowed) throw forbidden("Only admins and the owners of the agent or the server can revoke this grant");
    if (grant.revokedAt) throw conflict("This grant is already revoked");
    const now = new Date();
    const updated = await tx.grant.update({ where: { id: grantId }, data: { revokedAt: now, revokedById: actor.userId, revokedReason: reason }, include: GRANT_INCLUDE });
    await recordRevocation(tx, { actor, subjectType: "grant", subjectId: grantId, identityId: grant.agentId, reason, at: now });
    await appendAuditEvent(tx, {
      action: "grant.revoked",
      actor: actorRef(actor),
      target: { type: "grant", id: grantId },
      details: { agentId: grant.agentId, serverId: grant.serverId, scopes: updated.tools.map((item) => item.scope), reason },
      context,
    });
    // the revocation may end a toxic combination: its finding is resolved at once
    await reevaluateAfterRemoval(tx, [grant.agentId], `grant ${grantId} revoked`);
    return presentGrant(updated, now);
  });
}
