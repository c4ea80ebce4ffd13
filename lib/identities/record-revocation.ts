// Records a revocation for the policy bundle (the distribution issue publishes
// these and tracks how far each has reached).
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";

export async function recordRevocation(tx: Tx, options: { actor: Actor; subjectType: "identity" | "key"; subjectId: string; identityId: string; reason: string; at?: Date }) {
  return tx.revocation.create({
    data: {
      id: newId("revocation"),
      subjectType: options.subjectType,
      subjectId: options.subjectId,
      identityId: options.identityId,
      reason: options.reason,
      revokedById: options.actor.userId,
      revokedAt: options.at ?? new Date(),
    },
  });
}
