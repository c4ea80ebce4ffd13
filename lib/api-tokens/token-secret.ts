// API token secrets: 32 random bytes behind a recognisable prefix (so secret
// scanners can find leaked ones). Stored as SHA-256 only: the secret has full
// entropy, so a fast hash is enough and lookups stay one indexed query.
import crypto from "node:crypto";

export const TOKEN_PREFIX = "wdn_";

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

export function hashTokenSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 8);
}

export function looksLikeTokenSecret(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX) && /^[A-Za-z0-9_-]{40,60}$/.test(value.slice(TOKEN_PREFIX.length));
}
