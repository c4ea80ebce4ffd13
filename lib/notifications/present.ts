// The public views of webhook endpoints and deliveries: never a secret, never a payload.
import { NOTIFICATION_EVENTS, type NotificationEvent } from "@/lib/notifications/events";
import type { NotificationChannel, NotificationStatus, TNotification, TWebhookEndpoint } from "@/lib/notifications/schemas";

type EndpointRow = { id: string; url: string; description: string | null; events: unknown; enabled: boolean; createdById: string | null; createdAt: Date; updatedAt: Date };

export function endpointEvents(events: unknown): NotificationEvent[] {
  return Array.isArray(events) ? NOTIFICATION_EVENTS.filter((event) => events.includes(event)) : [];
}

export function presentWebhook(row: EndpointRow): TWebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: endpointEvents(row.events),
    enabled: row.enabled,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type NotificationRow = {
  id: string;
  channel: string;
  event: string;
  recipient: string;
  endpointId: string | null;
  campaignId: string | null;
  payload: unknown;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lastStatus: number | null;
  deliveredAt: Date | null;
  createdAt: Date;
};

export function presentNotification(row: NotificationRow, maxAttempts: number): TNotification {
  const subject = row.channel === "email" && row.payload && typeof row.payload === "object" ? (row.payload as { subject?: unknown }).subject : undefined;
  return {
    id: row.id,
    channel: row.channel as NotificationChannel,
    event: row.event as NotificationEvent,
    recipient: row.recipient,
    subject: typeof subject === "string" ? subject : null,
    endpointId: row.endpointId,
    campaignId: row.campaignId,
    status: row.status as NotificationStatus,
    attempts: row.attempts,
    maxAttempts,
    nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
