// Ends one browser session (sign-out) or all of a user's sessions (deactivation).
import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";

export async function revokeSession(sessionId: string): Promise<void> {
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function revokeUserSessions(tx: Tx, userId: string): Promise<number> {
  const result = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return result.count;
}
