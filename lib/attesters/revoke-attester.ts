// Revokes a trusted attester (admins): its attestations are refused from the
// next token request on (the policy revision moves), and keys registered with
// its attestation count as software-only again.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { ATTESTER_SELECT, presentAttester } from "@/lib/attesters/present";
import { ZRevokeAttesterInput, type TAttester, type TRevokeAttesterInput } from "@/lib/attesters/schemas";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";

export async function revokeAttester(options: { actor: Actor; attesterId: string; input: TRevokeAttesterInput; context?: RequestContext | null }): Promise<TAttester> {
  const { actor, attesterId, context } = options;
  assertCan(actor, "settings:manage");
  const input = ZRevokeAttesterInput.parse(options.input);
  const row = await transact(async (tx) => {
    const existing = await tx.trustedAttester.findUnique({ where: { id: attesterId }, select: { status: true } });
    if (!existing) throw notFound("Attester");
    if (existing.status === "revoked") throw conflict("This attester is already revoked");
    const revoked = await tx.trustedAttester.update({ where: { id: attesterId }, data: { status: "revoked" }, select: ATTESTER_SELECT });
    const downgraded = await tx.identityKey.updateMany({ where: { attesterId, protection: "hardware" }, data: { protection: "software" } });
    await appendAuditEvent(tx, {
      action: "attester.revoked",
      actor: actorRef(actor),
      target: { type: "attester", id: attesterId },
      details: { name: revoked.name, issuer: revoked.issuer, reason: input.reason, keysDowngraded: downgraded.count },
      context,
    });
    return revoked;
  });
  return presentAttester(row);
}
