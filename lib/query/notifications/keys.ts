// react-query keys for webhook endpoints and the delivery log.
import type { NotificationEvent } from "@/lib/notifications/events";
import type { NotificationChannel, NotificationStatus } from "@/lib/notifications/schemas";

export type WebhookListParams = { cursor?: string; limit?: number };
export type DeliveryListParams = { status?: NotificationStatus; channel?: NotificationChannel; event?: NotificationEvent; campaignId?: string; cursor?: string; limit?: number };

export const notificationKeys = {
  all: ["notifications"] as const,
  webhooks: (params: WebhookListParams) => [...notificationKeys.all, "webhooks", params] as const,
  deliveries: (params: DeliveryListParams) => [...notificationKeys.all, "deliveries", params] as const,
};
