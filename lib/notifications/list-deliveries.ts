// The delivery log: emails and webhook deliveries, newest first, filtered by
// status, channel, event, campaign or endpoint. Recipients and outcomes only;
// payloads stay in the database.
import "server-only";
import type { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { pageWhere, toPage, type Page } from "@/lib/pagination";
import { MAX_ATTEMPTS } from "@/lib/notifications/dispatch";
import { presentNotification } from "@/lib/notifications/present";
import type { TNotification, ZListNotificationsQuery } from "@/lib/notifications/schemas";

export async function listDeliveries(options: { actor: Actor; query: z.output<typeof ZListNotificationsQuery> }): Promise<Page<TNotification>> {
  assertCan(options.actor, "notifications:read");
  const { status, channel, event, campaignId, endpointId, cursor, limit } = options.query;
  const rows = await db().notification.findMany({
    where: { ...(status ? { status } : {}), ...(channel ? { channel } : {}), ...(event ? { event } : {}), ...(campaignId ? { campaignId } : {}), ...(endpointId ? { endpointId } : {}), ...pageWhere(cursor) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  return toPage(rows, limit, (row) => presentNotification(row, MAX_ATTEMPTS));
}
