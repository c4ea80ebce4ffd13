// Records a revoked access token until it would have expired; introspection
// and token exchange refuse it at once, and the policy bundle publishes it.
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent, type AuditActorRef } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { recordRevocation } from "@/lib/identities/record-revocation";
import type { AccessTokenClaims } from "@/lib/oauth/access-token";

export async function recordTokenRevocation(options: { claims: AccessTokenClaims; by: Actor | AuditActorRef; reason: string; context?: RequestContext | null }): Promise<boolean> {
  const { claims } = options;
  const actor = "kind" in options.by ? actorRef(options.by) : options.by;
  return transact(async (tx) => {
    const existing = await tx.revokedToken.findUnique({ where: { jti: claims.jti } });
    if (existing) return false;
    await tx.revokedToken.create({ data: { jti: claims.jti, expiresAt: new Date(claims.exp * 1000), agentId: claims.sub, revokedById: "kind" in options.by ? options.by.userId : null, reason: options.reason } });
    await recordRevocation(tx, { actor: { userId: "kind" in options.by ? options.by.userId : null }, subjectType: "token", subjectId: claims.jti, identityId: claims.sub, reason: options.reason });
    await appendAuditEvent(tx, {
      action: "token.revoked",
      actor,
      target: { type: "token", id: claims.jti },
      details: { jti: claims.jti, agentId: claims.sub, aud: claims.aud, scope: claims.scope, act: claims.act ?? null, reason: options.reason },
      context: options.context,
    });
    return true;
  });
}
