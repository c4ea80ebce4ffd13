// Gives a user a new temporary password (admin), unlocks the account and ends
// the user's sessions. The password is returned once.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { revokeUserSessions } from "@/lib/sessions/revoke-session";
import { presentUser, USER_VIEW_SELECT } from "@/lib/users/present";
import type { TUser } from "@/lib/users/schemas";

export async function resetUserPassword(options: { actor: Actor; userId: string; context?: RequestContext | null }): Promise<{ user: TUser; temporaryPassword: string }> {
  const { actor, userId, context } = options;
  assertCan(actor, "users:manage");
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const user = await transact(async (tx) => {
    const existing = await tx.user.findUnique({ where: { id: userId }, select: { active: true } });
    if (!existing) throw notFound("User");
    if (!existing.active) throw conflict("Reactivate this user before resetting the password");
    const updated = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null },
      select: USER_VIEW_SELECT,
    });
    const endedSessions = await revokeUserSessions(tx, userId);
    await appendAuditEvent(tx, { action: "user.password_reset", actor: actorRef(actor), target: { type: "user", id: userId }, details: { endedSessions }, context });
    return updated;
  });
  return { user: presentUser(user), temporaryPassword };
}
