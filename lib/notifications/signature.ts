// Warden-Signature, Stripe-style: `t=<unix seconds>,v1=<hex HMAC-SHA256>` over
// "<t>.<raw body>", keyed with the endpoint's secret (the whole `whsec_…`
// string as UTF-8). The timestamp lets receivers refuse replays of old
// deliveries; several v1 values may appear (any match passes). No imports from
// the rest of Warden, so receivers can copy this file (docs/notifications.md).
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "Warden-Signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmac(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return crypto.createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex");
}

/** The Warden-Signature header value for `rawBody` sent at `timestamp` (unix seconds). */
export function signWebhookPayload(secret: string, rawBody: string | Buffer, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, rawBody)}`;
}

/**
 * True when `header` is a valid Warden-Signature of `rawBody` (the bytes as
 * received, before any JSON parsing) under `secret`, signed at most
 * `toleranceSeconds` (default 300) away from `now`.
 */
export function verifyWebhookSignature(secret: string, header: string | null | undefined, rawBody: string | Buffer, options: { toleranceSeconds?: number; now?: Date } = {}): boolean {
  if (!header || !secret) return false;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmac(secret, timestamp, rawBody), "hex");
  return signatures.some((signature) => crypto.timingSafeEqual(Buffer.from(signature, "hex"), expected));
}
