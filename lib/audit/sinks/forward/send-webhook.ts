// One batch to a SIEM webhook: a JSON POST signed like campaign notifications
// (Warden-Signature over "<t>.<raw body>", lib/notifications/signature.ts).
// Any 2xx is delivered; anything else, a redirect (never followed: the target is
// what the admin configured), a timeout or a network error fails the batch.
// Sent through the outbound guard (docs/outbound-requests.md).
import { findOutboundError } from "@/lib/http/outbound/errors";
import { outboundFetch } from "@/lib/http/outbound/fetch";
import type { Attempt } from "@/lib/notifications/attempt";
import { shortError } from "@/lib/notifications/short-error";
import { SIGNATURE_HEADER, signWebhookPayload } from "@/lib/notifications/signature";
import type { ExportRecord } from "@/lib/audit/otel-fields";

export const USER_AGENT = "Warden-Audit-Forwarder/1";

export type WebhookBatch = { sinkId: string; records: ExportRecord[]; firstSeq: bigint; lastSeq: bigint };

/** The body: seqs as strings, like warden.audit.seq (they outgrow JSON numbers' exact range). */
export function webhookBatchBody(batch: WebhookBatch): string {
  return JSON.stringify({ events: batch.records, sink: batch.sinkId, batch: { firstSeq: batch.firstSeq.toString(), lastSeq: batch.lastSeq.toString() } });
}

export async function sendWebhookBatch(options: { url: string; secret: string; batch: WebhookBatch; timeoutMs: number }): Promise<Attempt> {
  const body = webhookBatchBody(options.batch);
  // the receiver checks freshness against its own clock: sign with the real time
  const signature = signWebhookPayload(options.secret, body, Math.floor(Date.now() / 1000));
  let response: Response;
  try {
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": USER_AGENT,
      "Warden-Sink": options.batch.sinkId,
      "Warden-Batch": `${options.batch.firstSeq}-${options.batch.lastSeq}`,
      [SIGNATURE_HEADER]: signature,
    };
    response = await outboundFetch(options.url, { method: "POST", headers, body, redirect: "manual" }, { timeoutMs: options.timeoutMs });
  } catch (error) {
    return { ok: false, status: null, error: findOutboundError(error)?.message ?? shortError(error) };
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  const redirect = response.status >= 300 && response.status < 400 ? " (redirects are not followed)" : "";
  return { ok: false, status: response.status, error: `HTTP ${response.status}${redirect}` };
}
