// Contracts: webhook endpoints for campaign events and the notification delivery log (docs/notifications.md).
import { defineContract } from "@/lib/api/contract";
import { idParam } from "@/lib/api/contracts/common";
import { zPage } from "@/lib/pagination";
import {
  ZCreatedWebhook,
  ZCreateWebhookInput,
  ZListNotificationsQuery,
  ZListWebhooksQuery,
  ZNotification,
  ZUpdateWebhookInput,
  ZWebhookEndpoint,
} from "@/lib/notifications/schemas";

const TAG = "Notifications";
const webhookId = idParam("whk", "webhook endpoint");

export const listWebhooksContract = defineContract({
  operationId: "listWebhooks",
  method: "GET",
  path: "/api/v1/webhooks",
  tag: TAG,
  summary: "Webhook endpoints, newest first (never their secrets)",
  permission: "notifications:read",
  query: ZListWebhooksQuery,
  response: { status: 200, description: "A page of endpoints", schema: zPage(ZWebhookEndpoint) },
});

export const createWebhookContract = defineContract({
  operationId: "createWebhook",
  method: "POST",
  path: "/api/v1/webhooks",
  tag: TAG,
  summary: "Add a webhook endpoint for campaign events; its signing secret is returned once",
  description: "Deliveries are signed JSON POSTs (Warden-Signature: t=…,v1=… HMAC-SHA256 over \"<t>.<body>\" with the secret). The URL must use https (http only for loopback hosts in production) and carry no credentials.",
  permission: "notifications:manage",
  body: ZCreateWebhookInput,
  errors: ["validation_failed"],
  response: { status: 201, description: "The endpoint and its signing secret", schema: ZCreatedWebhook },
});

export const getWebhookContract = defineContract({
  operationId: "getWebhook",
  method: "GET",
  path: "/api/v1/webhooks/{id}",
  tag: TAG,
  summary: "One webhook endpoint",
  permission: "notifications:read",
  params: webhookId,
  errors: ["not_found"],
  response: { status: 200, description: "The endpoint", schema: ZWebhookEndpoint },
});

export const updateWebhookContract = defineContract({
  operationId: "updateWebhook",
  method: "PATCH",
  path: "/api/v1/webhooks/{id}",
  tag: TAG,
  summary: "Change a webhook endpoint's URL, description, events, or enable or disable it",
  permission: "notifications:manage",
  params: webhookId,
  body: ZUpdateWebhookInput,
  errors: ["not_found", "validation_failed"],
  response: { status: 200, description: "The endpoint", schema: ZWebhookEndpoint },
});

export const deleteWebhookContract = defineContract({
  operationId: "deleteWebhook",
  method: "DELETE",
  path: "/api/v1/webhooks/{id}",
  tag: TAG,
  summary: "Delete a webhook endpoint; its deliveries stay in the log",
  permission: "notifications:manage",
  params: webhookId,
  errors: ["not_found"],
  response: { status: 200, description: "The deleted endpoint", schema: ZWebhookEndpoint },
});

export const listNotificationsContract = defineContract({
  operationId: "listNotifications",
  method: "GET",
  path: "/api/v1/notifications",
  tag: TAG,
  summary: "The delivery log: emails and webhook deliveries with their status, attempts and last error, newest first",
  permission: "notifications:read",
  query: ZListNotificationsQuery,
  response: { status: 200, description: "A page of deliveries", schema: zPage(ZNotification) },
});

export const retryNotificationContract = defineContract({
  operationId: "retryNotification",
  method: "POST",
  path: "/api/v1/notifications/{id}/retry",
  tag: TAG,
  summary: "Send a failed delivery again: it is pending now, with a fresh set of attempts",
  permission: "notifications:manage",
  params: idParam("ntf", "notification"),
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The delivery, pending", schema: ZNotification },
});
