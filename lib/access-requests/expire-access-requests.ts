// The scheduler job: pending access requests past their expiry become
// "expired" (audited, the requester told). Approving or cancelling one is
// refused even before the job has run (the domain compares expiresAt itself).
import "server-only";
import { notifyAccessRequest } from "@/lib/access-requests/notify";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";

const BATCH = 200;

export async function expireAccessRequests(now = new Date()): Promise<{ expired: number }> {
  let expired = 0;
  for (;;) {
    const due = await db().accessRequest.findMany({ where: { status: "pending", expiresAt: { lte: now } }, select: { id: true }, orderBy: { expiresAt: "asc" }, take: BATCH });
    for (const { id } of due) {
      const changed = await transact(async (tx) => {
        // conditional: a decision that committed meanwhile wins
        const updated = await tx.accessRequest.updateMany({ where: { id, status: "pending", expiresAt: { lte: now } }, data: { status: "expired", decidedAt: now, decisionReason: "Not decided in time" } });
        if (updated.count !== 1) return false;
        const request = await tx.accessRequest.findUniqueOrThrow({ where: { id }, select: { agentId: true, serverId: true, requestedById: true, expiresAt: true } });
        await appendAuditEvent(tx, { action: "access_request.expired", actor: actorRef(SYSTEM_ACTOR), target: { type: "access_request", id }, details: { agentId: request.agentId, serverId: request.serverId, expiresAt: request.expiresAt.toISOString() } });
        await notifyAccessRequest(tx, { event: "access_request.decided", requestId: id, recipientUserIds: [request.requestedById], details: { decision: "expired" }, now });
        return true;
      });
      if (changed) expired += 1;
    }
    if (due.length < BATCH) return { expired };
  }
}
