// Resolves a presented API token secret to an Actor, or null. A token stops
// working when revoked, expired, or when its user is deactivated.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { tokenActor } from "@/lib/auth/user-actor";
import { db } from "@/lib/db/client";
import { hashTokenSecret, looksLikeTokenSecret } from "@/lib/api-tokens/token-secret";

const TOUCH_INTERVAL_MS = 60_000;

export async function authenticateApiToken(secret: string, now = new Date()): Promise<Actor | null> {
  if (!looksLikeTokenSecret(secret)) return null;
  const token = await db().apiToken.findUnique({
    where: { tokenHash: hashTokenSecret(secret) },
    include: { user: { select: { id: true, email: true, name: true, role: true, active: true, mustChangePassword: true } } },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  if (token.userId && !token.user?.active) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  const scopes = Array.isArray(token.scopes) ? (token.scopes as Permission[]) : null;
  return tokenActor({ id: token.id, name: token.name, role: token.role, scopes }, token.user);
}
