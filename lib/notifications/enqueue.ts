// The notification outbox (docs/notifications.md): campaign code calls this in
// the transaction of the change it tells about, so a notification exists if and
// only if the change committed. Rows are sent by the dispatcher (dispatch.ts),
// kicked right after the commit and run by the scheduler every minute.
import "server-only";
import { z } from "zod";
import { env } from "@/lib/config/env";
import { onCommit, type Tx } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { kickNotificationDispatch } from "@/lib/notifications/dispatch";
import { CAMPAIGN_EVENTS, type CampaignEvent } from "@/lib/notifications/events";
import { campaignEmail, webhookPayload } from "@/lib/notifications/messages";
import { endpointEvents } from "@/lib/notifications/present";

export { CAMPAIGN_EVENTS, type CampaignEvent };

const ZInput = z.object({
  event: z.enum(CAMPAIGN_EVENTS),
  campaign: z.object({ id: z.string().min(1), name: z.string(), dueAt: z.date() }),
  recipientUserIds: z.array(z.string()),
  details: z.record(z.string(), z.unknown()).optional(),
  now: z.date().optional(),
});

// JSON round trip: what the receivers get is exactly what is stored
function storable(details: Record<string, unknown> | undefined): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details ?? {})) as Record<string, unknown>;
}

/** Writes the outbox rows in the caller's transaction: one email per recipient user (active users with an email, only when SMTP is configured) and one webhook delivery per enabled endpoint subscribed to the event. Returns the number of rows written. After commit the dispatcher is kicked (use onCommit from lib/db/transaction.ts). */
export async function enqueueCampaignNotifications(
  tx: Tx,
  input: { event: CampaignEvent; campaign: { id: string; name: string; dueAt: Date }; recipientUserIds: string[]; details?: Record<string, unknown>; now?: Date },
): Promise<number> {
  const { event, campaign, recipientUserIds, ...rest } = ZInput.parse(input);
  const now = rest.now ?? new Date();
  const details = storable(rest.details);
  const rows: { id: string; channel: string; event: string; recipient: string; endpointId: string | null; campaignId: string; payload: object; nextAttemptAt: Date; createdAt: Date }[] = [];
  const row = (id: string, channel: "email" | "webhook", recipient: string, endpointId: string | null, payload: object) =>
    rows.push({ id, channel, event, recipient, endpointId, campaignId: campaign.id, payload, nextAttemptAt: now, createdAt: now });

  const userIds = [...new Set(recipientUserIds)];
  if (env().WARDEN_SMTP_URL && userIds.length > 0) {
    const users = await tx.user.findMany({ where: { id: { in: userIds }, active: true }, select: { id: true, email: true, name: true }, orderBy: { id: "asc" } });
    const counts = await tx.campaignItem.groupBy({ by: ["reviewerId"], where: { campaignId: campaign.id, reviewerId: { in: userIds }, status: { in: ["open", "escalated"] } }, _count: { _all: true } });
    const open = new Map(counts.map((count) => [count.reviewerId, count._count._all]));
    for (const user of users) {
      if (!user.email) continue;
      const id = newId("notification");
      const message = campaignEmail(event, campaign, user, open.get(user.id) ?? 0, details);
      row(id, "email", user.email, null, { ...webhookPayload(id, event, campaign, now, details), userId: user.id, ...message });
    }
  }

  const endpoints = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, url: true, events: true }, orderBy: { id: "asc" } });
  for (const endpoint of endpoints) {
    if (!endpointEvents(endpoint.events).includes(event)) continue;
    const id = newId("notification");
    row(id, "webhook", endpoint.url, endpoint.id, webhookPayload(id, event, campaign, now, details));
  }

  if (rows.length === 0) return 0;
  await tx.notification.createMany({ data: rows });
  onCommit(tx, kickNotificationDispatch);
  return rows.length;
}
