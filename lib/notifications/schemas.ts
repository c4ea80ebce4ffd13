// Webhook endpoint inputs and views, and the delivery log (docs/notifications.md).
import { z } from "zod";
import { NOTIFICATION_EVENTS } from "@/lib/notifications/events";

export const NOTIFICATION_CHANNELS = ["email", "webhook"] as const;
export const NOTIFICATION_STATUSES = ["pending", "delivered", "failed"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * An absolute http(s) URL without credentials or fragment. Whether plain http is
 * allowed depends on the deployment (loopback only in production), which the
 * domain function checks (lib/notifications/webhook-url.ts).
 */
export const ZWebhookUrl = z
  .string()
  .trim()
  .min(1, "URL is required")
  .max(2048, "At most 2048 characters")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Must be an absolute URL, e.g. https://hooks.example.com/warden" });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "Must use https" });
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Must not contain credentials: receivers verify the Warden-Signature header instead" });
    if (value.includes("#")) ctx.addIssue({ code: "custom", message: "Must not contain a fragment (#…)" });
  });

const ZEvents = z
  .array(z.enum(NOTIFICATION_EVENTS))
  .min(1, "Choose at least one event")
  .max(NOTIFICATION_EVENTS.length)
  .refine((events) => new Set(events).size === events.length, "Each event once")
  .describe("The events the endpoint receives (campaign and access request events)");

const ZDescription = z.string().trim().max(500, "At most 500 characters");

export const ZCreateWebhookInput = z
  .object({
    url: ZWebhookUrl,
    description: ZDescription.optional(),
    events: ZEvents,
    enabled: z.boolean().default(true).describe("Disabled endpoints receive nothing"),
  })
  .strict();
export type TCreateWebhookInput = z.input<typeof ZCreateWebhookInput>;

export const ZUpdateWebhookInput = z
  .object({
    url: ZWebhookUrl.optional(),
    description: ZDescription.nullable().optional(),
    events: ZEvents.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((value) => Object.values(value).some((field) => field !== undefined), "Change at least one field");
export type TUpdateWebhookInput = z.input<typeof ZUpdateWebhookInput>;

export const ZWebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.enum(NOTIFICATION_EVENTS)),
  enabled: z.boolean(),
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TWebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;

export const ZCreatedWebhook = z.object({
  endpoint: ZWebhookEndpoint,
  secret: z.string().describe("The signing secret (whsec_…). Shown once; receivers verify Warden-Signature with it."),
});
export type TCreatedWebhook = z.infer<typeof ZCreatedWebhook>;

export const ZListWebhooksQuery = z.object({
  cursor: z.string().regex(/^whk_[0-9a-z]{26}$/, "not a cursor returned by this API").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ZNotification = z.object({
  id: z.string(),
  channel: z.enum(NOTIFICATION_CHANNELS),
  event: z.enum(NOTIFICATION_EVENTS),
  recipient: z.string().describe("email: the address; webhook: the endpoint URL when it was queued"),
  subject: z.string().nullable().describe("email: the subject line"),
  endpointId: z.string().nullable(),
  campaignId: z.string().nullable(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable().describe("When a pending delivery is tried next; null once delivered or failed"),
  lastStatus: z.number().int().nullable().describe("The HTTP status (webhook) or SMTP reply code (email) of the last attempt"),
  lastError: z.string().nullable().describe("The last error, short; kept after a later attempt succeeds"),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional(),
  channel: z.enum(NOTIFICATION_CHANNELS).optional(),
  event: z.enum(NOTIFICATION_EVENTS).optional(),
  campaignId: z.string().regex(/^cmp_[0-9a-z]{26}$/, "not a campaign id").optional(),
  endpointId: z.string().regex(/^whk_[0-9a-z]{26}$/, "not a webhook endpoint id").optional(),
  cursor: z.string().regex(/^ntf_[0-9a-z]{26}$/, "not a cursor returned by this API").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TListNotificationsQuery = z.input<typeof ZListNotificationsQuery>;
