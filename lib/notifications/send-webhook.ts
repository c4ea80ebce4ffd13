// One webhook delivery: a signed JSON POST (docs/notifications.md) through the
// outbound guard (docs/outbound-requests.md). A 2xx answer is delivered;
// anything else, a redirect (never followed: the endpoint is what the admin
// configured), a timeout or a network error is retried. A blocked destination
// fails at once: retrying cannot help until the policy or the URL changes.
import { findOutboundError } from "@/lib/http/outbound/errors";
import { outboundFetch } from "@/lib/http/outbound/fetch";
import type { Attempt } from "@/lib/notifications/attempt";
import { accessRequestWebhookBody, type AccessRequestWebhookPayload, type WebhookPayload } from "@/lib/notifications/messages";
import { shortError } from "@/lib/notifications/short-error";
import { SIGNATURE_HEADER, signWebhookPayload } from "@/lib/notifications/signature";

export const USER_AGENT = "Warden-Webhooks/1";

/** The body in one key order on both databases (PostgreSQL's jsonb reorders keys). */
export function webhookBody(payload: WebhookPayload | AccessRequestWebhookPayload): string {
  if ("accessRequest" in payload) return accessRequestWebhookBody(payload);
  const { id, event, occurredAt, campaign, details } = payload;
  return JSON.stringify({ id, event, occurredAt, campaign: { id: campaign.id, name: campaign.name, dueAt: campaign.dueAt, url: campaign.url }, details });
}

export async function sendWebhook(options: { url: string; secret: string; deliveryId: string; event: string; payload: WebhookPayload | AccessRequestWebhookPayload }): Promise<Attempt> {
  const body = webhookBody(options.payload);
  // the receiver checks freshness against its own clock: sign with the real time
  const signature = signWebhookPayload(options.secret, body, Math.floor(Date.now() / 1000));
  let response: Response;
  try {
    response = await outboundFetch(options.url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT, "Warden-Event": options.event, "Warden-Delivery": options.deliveryId, [SIGNATURE_HEADER]: signature },
      body,
      redirect: "manual",
    });
  } catch (error) {
    const outbound = findOutboundError(error);
    if (outbound) return { ok: false, status: null, error: outbound.message, ...(outbound.kind === "blocked" ? { final: true } : {}) };
    return { ok: false, status: null, error: shortError(error) };
  }
  // the answer's body is not needed; free the connection
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  const redirect = response.status >= 300 && response.status < 400 ? " (redirects are not followed)" : "";
  return { ok: false, status: response.status, error: `HTTP ${response.status}${redirect}` };
}
