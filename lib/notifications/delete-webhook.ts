// Deletes a webhook endpoint (admins). Its deliveries stay in the log (their
// endpoint becomes null); pending ones fail at their next attempt.
import "server-only";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors/app-error";
import { endpointEvents, presentWebhook } from "@/lib/notifications/present";
import type { TWebhookEndpoint } from "@/lib/notifications/schemas";

export async function deleteWebhook(options: { actor: Actor; endpointId: string; context?: RequestContext | null }): Promise<TWebhookEndpoint> {
  const { actor, context } = options;
  assertCan(actor, "notifications:manage");
  const row = await transact(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: options.endpointId }, omit: { secretSealed: true } });
    if (!endpoint) throw notFound("Webhook endpoint");
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await appendAuditEvent(tx, { action: "webhook.deleted", actor: actorRef(actor), target: { type: "webhook_endpoint", id: endpoint.id }, details: { url: endpoint.url, events: endpointEvents(endpoint.events) }, context });
    return endpoint;
  });
  return presentWebhook(row);
}
