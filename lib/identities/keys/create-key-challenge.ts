import "server-only";
// Issues a single-use challenge for adding keys to an identity with proof of
// possession: the registrant signs its nonce with each private key (the proof
// format is in key-proof.ts). Valid five minutes; only the identity's owners
// and admins may ask for one, and asking is audited.
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { publicUrl } from "@/lib/config/env";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { loadIdentityForNewKeys } from "@/lib/identities/keys/key-access";
import { CHALLENGE_TTL_MS, challengeNonce } from "@/lib/identities/keys/key-proof";
import type { TKeyChallenge } from "@/lib/identities/keys/schemas";

export async function createKeyChallenge(options: { actor: Actor; identityId: string; context?: RequestContext | null; now?: Date }): Promise<TKeyChallenge> {
  const { actor, identityId, context } = options;
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  return transact(async (tx) => {
    await loadIdentityForNewKeys(tx, actor, identityId);
    const challengeId = newId("keyChallenge");
    await tx.keyChallenge.create({ data: { id: challengeId, identityId, createdById: actor.userId, expiresAt, createdAt: now } });
    await appendAuditEvent(tx, {
      action: "key.challenge_issued",
      actor: actorRef(actor),
      target: { type: "identity", id: identityId },
      details: { challengeId, expiresAt: expiresAt.toISOString() },
      context,
      at: now,
    });
    return { challengeId, nonce: challengeNonce(challengeId), expiresAt: expiresAt.toISOString(), audience: publicUrl() };
  });
}
