// Records a revocation for the policy bundle, with the policy revision that
// first contains it (moved here, in the revoking transaction), so the console
// can show how many gateways enforce it yet (lib/policy/status/revocation-reach.ts).
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { bumpPolicyRevision } from "@/lib/policy/revision";

export type RevocationSubject = "identity" | "key" | "grant" | "token";

/** `identityId`: the identity revoked, whose key was revoked, or the agent of the grant or token; `actor`'s user is recorded as who revoked. */
/** A campaign item that caused a revocation: recorded on it, so the revocation links back to the review. */
export type RevocationSource = { campaignId: string; campaignItemId: string };

export async function recordRevocation(tx: Tx, options: { actor: Pick<Actor, "userId">; subjectType: RevocationSubject; subjectId: string; identityId: string; reason: string; at?: Date; source?: RevocationSource }) {
  const revision = await bumpPolicyRevision(tx);
  return tx.revocation.create({
    data: {
      revision,
      id: newId("revocation"),
      subjectType: options.subjectType,
      subjectId: options.subjectId,
      identityId: options.identityId,
      reason: options.reason,
      revokedById: options.actor.userId,
      revokedAt: options.at ?? new Date(),
      campaignId: options.source?.campaignId ?? null,
      campaignItemId: options.source?.campaignItemId ?? null,
    },
  });
}
