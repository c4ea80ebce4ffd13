// The requester withdraws a pending access request (nobody else: approvers deny).
import "server-only";
import { ACCESS_REQUEST_INCLUDE, presentAccessRequest } from "@/lib/access-requests/present";
import { ZCancelAccessRequestInput, type TAccessRequest, type TCancelAccessRequestInput } from "@/lib/access-requests/schemas";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, forbidden, notFound } from "@/lib/errors/app-error";

export async function cancelAccessRequest(options: { actor: Actor; requestId: string; input: TCancelAccessRequestInput; context?: RequestContext | null; now?: Date }): Promise<TAccessRequest> {
  const { actor, requestId, context } = options;
  assertCan(actor, "identities:register");
  const { reason } = ZCancelAccessRequestInput.parse(options.input);
  const now = options.now ?? new Date();
  return transact(async (tx) => {
    const request = await tx.accessRequest.findUnique({ where: { id: requestId }, select: { requestedById: true, status: true, expiresAt: true, agentId: true, serverId: true } });
    if (!request) throw notFound("Access request");
    if (actor.userId === null || request.requestedById !== actor.userId) throw forbidden("Only the person who made the request can cancel it; approvers deny it instead");
    if (request.status !== "pending") throw conflict(`This request is already ${request.status}: it can no longer be cancelled`);
    if (request.expiresAt <= now) throw conflict(`This request expired at ${request.expiresAt.toISOString()}: it can no longer be cancelled`);
    const updated = await tx.accessRequest.updateMany({ where: { id: requestId, status: "pending" }, data: { status: "cancelled", decidedAt: now, decisionReason: reason ?? null } });
    if (updated.count !== 1) throw conflict("The request was decided at the same moment; reload it");
    await appendAuditEvent(tx, { action: "access_request.cancelled", actor: actorRef(actor), target: { type: "access_request", id: requestId }, details: { agentId: request.agentId, serverId: request.serverId, reason: reason ?? null }, context });
    const row = await tx.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: ACCESS_REQUEST_INCLUDE });
    return presentAccessRequest(tx, row, actor, now);
  });
}
