// A webhook endpoint's signing secret: 32 random bytes, shown once at creation,
// stored sealed with the key-encryption key and bound to the endpoint's id, so
// a sealed secret copied onto another endpoint row does not open.
import crypto from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/signing-keys/kek";

export const WEBHOOK_SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
}

export function sealWebhookSecret(secret: string, endpointId: string): string {
  return encryptSecret(secret, endpointId);
}

export function openWebhookSecret(sealed: string, endpointId: string): string {
  return decryptSecret(sealed, endpointId);
}
