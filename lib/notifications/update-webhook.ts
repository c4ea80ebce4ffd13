// Changes a webhook endpoint (admins): its URL, description, events, or
// enabled state. Deliveries already queued go to the endpoint as it is when
// they are sent; a disabled endpoint's pending deliveries fail (retry them
// from the delivery log once it is enabled again).
import "server-only";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors/app-error";
import { endpointEvents, presentWebhook } from "@/lib/notifications/present";
import { ZUpdateWebhookInput, type TUpdateWebhookInput, type TWebhookEndpoint } from "@/lib/notifications/schemas";
import { assertWebhookUrlAllowed } from "@/lib/notifications/webhook-url";

export async function updateWebhook(options: { actor: Actor; endpointId: string; input: TUpdateWebhookInput; context?: RequestContext | null }): Promise<TWebhookEndpoint> {
  const { actor, context } = options;
  assertCan(actor, "notifications:manage");
  const input = ZUpdateWebhookInput.parse(options.input);
  if (input.url !== undefined) assertWebhookUrlAllowed(input.url);
  const row = await transact(async (tx) => {
    const before = await tx.webhookEndpoint.findUnique({ where: { id: options.endpointId }, omit: { secretSealed: true } });
    if (!before) throw notFound("Webhook endpoint");
    const data = {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description || null } : {}),
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    };
    const updated = await tx.webhookEndpoint.update({ where: { id: before.id }, data, omit: { secretSealed: true } });
    const changes = Object.fromEntries(
      Object.keys(data).map((key) => {
        const field = key as keyof typeof data;
        const was = field === "events" ? endpointEvents(before.events) : before[field];
        return [field, { from: was, to: data[field] }];
      }),
    );
    await appendAuditEvent(tx, { action: "webhook.updated", actor: actorRef(actor), target: { type: "webhook_endpoint", id: before.id }, details: { changes }, context });
    return updated;
  });
  return presentWebhook(row);
}
