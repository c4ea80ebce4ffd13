// Adds a webhook endpoint for campaign events (admins). Warden generates the
// signing secret and returns it this once; it is stored sealed with the
// key-encryption key. The audit event names the URL and events, never the secret.
import "server-only";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { presentWebhook } from "@/lib/notifications/present";
import { ZCreateWebhookInput, type TCreatedWebhook, type TCreateWebhookInput } from "@/lib/notifications/schemas";
import { generateWebhookSecret, sealWebhookSecret } from "@/lib/notifications/webhook-secret";
import { assertWebhookUrlAllowed } from "@/lib/notifications/webhook-url";

export async function createWebhook(options: { actor: Actor; input: TCreateWebhookInput; context?: RequestContext | null }): Promise<TCreatedWebhook> {
  const { actor, context } = options;
  assertCan(actor, "notifications:manage");
  const input = ZCreateWebhookInput.parse(options.input);
  assertWebhookUrlAllowed(input.url);
  const id = newId("webhookEndpoint");
  const secret = generateWebhookSecret();
  const row = await transact(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { id, url: input.url, description: input.description || null, events: input.events, enabled: input.enabled, secretSealed: sealWebhookSecret(secret, id), createdById: actor.userId },
    });
    await appendAuditEvent(tx, { action: "webhook.created", actor: actorRef(actor), target: { type: "webhook_endpoint", id }, details: { url: input.url, events: input.events, enabled: input.enabled }, context });
    return created;
  });
  return { endpoint: presentWebhook(row), secret };
}
