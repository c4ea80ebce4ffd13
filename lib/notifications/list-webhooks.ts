// Webhook endpoints as admins and auditors see them: one, or a page (newest
// first). Never the secret: it is shown once, at creation.
import "server-only";
import type { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { pageWhere, toPage, type Page } from "@/lib/pagination";
import { presentWebhook } from "@/lib/notifications/present";
import type { TWebhookEndpoint, ZListWebhooksQuery } from "@/lib/notifications/schemas";

export async function listWebhooks(options: { actor: Actor; query: z.output<typeof ZListWebhooksQuery> }): Promise<Page<TWebhookEndpoint>> {
  assertCan(options.actor, "notifications:read");
  const { cursor, limit } = options.query;
  const rows = await db().webhookEndpoint.findMany({ where: pageWhere(cursor), orderBy: { id: "desc" }, take: limit + 1, omit: { secretSealed: true } });
  return toPage(rows, limit, presentWebhook);
}

export async function getWebhook(options: { actor: Actor; endpointId: string }): Promise<TWebhookEndpoint> {
  assertCan(options.actor, "notifications:read");
  const row = await db().webhookEndpoint.findUnique({ where: { id: options.endpointId }, omit: { secretSealed: true } });
  if (!row) throw notFound("Webhook endpoint");
  return presentWebhook(row);
}
