// Revokes an API token: one's own, or any with api-tokens:manage-all. "Not
// yours" and "not found" are the same answer.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { presentApiToken } from "@/lib/api-tokens/present";
import type { TApiToken } from "@/lib/api-tokens/schemas";

export async function revokeApiToken(options: { actor: Actor; tokenId: string; context?: RequestContext | null }): Promise<TApiToken> {
  const { actor, tokenId, context } = options;
  assertCan(actor, "api-tokens:manage-own");
  const ownership = can(actor, "api-tokens:manage-all") ? {} : { userId: actor.userId ?? "-" };
  return transact(async (tx) => {
    const existing = await tx.apiToken.findFirst({ where: { id: tokenId, ...ownership } });
    if (!existing) throw notFound("API token");
    if (existing.revokedAt) throw conflict("This API token is already revoked");
    const revoked = await tx.apiToken.update({
      where: { id: tokenId },
      data: { revokedAt: new Date() },
      include: { user: { select: { email: true } } },
    });
    await appendAuditEvent(tx, {
      action: "api_token.revoked",
      actor: actorRef(actor),
      target: { type: "api_token", id: tokenId },
      details: { name: revoked.name },
      context,
    });
    return presentApiToken(revoked);
  });
}
