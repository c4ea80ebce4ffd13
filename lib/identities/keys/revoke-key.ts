import "server-only";
// Revokes a key at once (compromise, loss): it leaves the identity's JWK Set
// immediately, and a Revocation row tells the policy bundle to stop trusting it.
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";
import { loadKeyForChange } from "@/lib/identities/keys/key-access";
import { presentKey } from "@/lib/identities/keys/present";
import { ZRevokeKeyInput, type TKey, type TRevokeKeyInput } from "@/lib/identities/keys/schemas";
import { recordRevocation } from "@/lib/identities/record-revocation";

export async function revokeKey(options: { actor: Actor; identityId: string; keyId: string; input: TRevokeKeyInput; context?: RequestContext | null; now?: Date }): Promise<TKey> {
  const { actor, identityId, keyId, context } = options;
  const { reason } = ZRevokeKeyInput.parse(options.input);
  const now = options.now ?? new Date();
  return transact(async (tx) => {
    const { key } = await loadKeyForChange(tx, actor, identityId, keyId);
    if (key.status === "revoked") throw conflict("This key is already revoked");
    const { count } = await tx.identityKey.updateMany({ where: { id: keyId, status: { not: "revoked" } }, data: { status: "revoked", revokedAt: now, revokedReason: reason } });
    if (count !== 1) throw conflict("This key is already revoked");
    const revocation = await recordRevocation(tx, { actor, subjectType: "key", subjectId: keyId, identityId, reason, at: now });
    await appendAuditEvent(tx, {
      action: "key.revoked",
      actor: actorRef(actor),
      target: { type: "identity", id: identityId },
      details: { keyId, kid: key.kid, thumbprint: key.thumbprint, previousStatus: key.status, reason, revocationId: revocation.id },
      context,
      at: now,
    });
    return presentKey(await tx.identityKey.findUniqueOrThrow({ where: { id: keyId } }));
  });
}
