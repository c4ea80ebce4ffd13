// Sends a failed delivery again (admins): it goes back to pending, due now,
// with a fresh set of attempts, and the dispatcher is kicked. Its id (the
// Warden-Delivery header) stays the same, so receivers can tell a repeat.
import "server-only";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { onCommit, transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { kickNotificationDispatch, MAX_ATTEMPTS } from "@/lib/notifications/dispatch";
import { presentNotification } from "@/lib/notifications/present";
import type { TNotification } from "@/lib/notifications/schemas";

export async function retryDelivery(options: { actor: Actor; notificationId: string; context?: RequestContext | null; now?: Date }): Promise<TNotification> {
  const { actor, context } = options;
  assertCan(actor, "notifications:manage");
  const now = options.now ?? new Date();
  const row = await transact(async (tx) => {
    const notification = await tx.notification.findUnique({ where: { id: options.notificationId } });
    if (!notification) throw notFound("Notification");
    if (notification.status !== "failed") throw conflict(notification.status === "pending" ? "The delivery is still pending: it is tried again on its own" : "The delivery was delivered already");
    const requeued = await tx.notification.updateMany({ where: { id: notification.id, status: "failed" }, data: { status: "pending", attempts: 0, nextAttemptAt: now } });
    if (requeued.count !== 1) throw conflict("The delivery changed meanwhile: reload it");
    await appendAuditEvent(tx, {
      action: "notification.retried",
      actor: actorRef(actor),
      target: { type: "notification", id: notification.id },
      details: { channel: notification.channel, event: notification.event, campaignId: notification.campaignId, endpointId: notification.endpointId, previousAttempts: notification.attempts, lastError: notification.lastError },
      context,
    });
    onCommit(tx, kickNotificationDispatch);
    return tx.notification.findUniqueOrThrow({ where: { id: notification.id } });
  });
  return presentNotification(row, MAX_ATTEMPTS);
}
