// Revokes an exchange policy (admins); exchanges under it stop at once.
import "server-only";
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { EXCHANGE_INCLUDE, presentExchangePolicy } from "@/lib/exchange/present";
import { ZRevokeExchangePolicyInput, type TExchangePolicy } from "@/lib/exchange/schemas";

export async function revokeExchangePolicy(options: { actor: Actor; policyId: string; input: z.input<typeof ZRevokeExchangePolicyInput>; context?: RequestContext | null }): Promise<TExchangePolicy> {
  assertCan(options.actor, "grants:manage");
  const { reason } = ZRevokeExchangePolicyInput.parse(options.input);
  return transact(async (tx) => {
    const policy = await tx.exchangePolicy.findUnique({ where: { id: options.policyId } });
    if (!policy) throw notFound("Exchange policy");
    if (policy.revokedAt) throw conflict("This exchange policy is already revoked");
    const row = await tx.exchangePolicy.update({ where: { id: policy.id }, data: { revokedAt: new Date(), revokedById: options.actor.userId, revokedReason: reason }, include: EXCHANGE_INCLUDE });
    await appendAuditEvent(tx, { action: "exchange_policy.revoked", actor: actorRef(options.actor), target: { type: "exchange_policy", id: policy.id }, details: { serverId: policy.serverId, resourceId: policy.resourceId, reason }, context: options.context });
    return presentExchangePolicy(row);
  });
}
