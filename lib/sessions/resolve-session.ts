// Turns a session id from a verified cookie into an Actor — only if the session
// is live and its user still active. Checked on every request, so deactivation
// and sign-out end access at once even though the cookie is a JWT.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { userActor } from "@/lib/auth/user-actor";
import { db } from "@/lib/db/client";

const TOUCH_INTERVAL_MS = 60_000;

export type SessionActor = Actor & { mustChangePassword: boolean };

export async function resolveSession(sessionId: string, now = new Date()): Promise<SessionActor | null> {
  const session = await db().session.findUnique({
    where: { id: sessionId },
    include: { user: { select: { id: true, email: true, name: true, role: true, active: true, mustChangePassword: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= now || !session.user.active) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return userActor(session.user, session.id);
}
