// A signed-in user changes their own password (required after a temporary one).
// Their other sessions end; the current one continues.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { AppError, forbidden } from "@/lib/errors/app-error";
import { ZChangePasswordInput } from "@/lib/users/schemas";

export async function changeOwnPassword(options: { actor: Actor; input: { currentPassword: string; newPassword: string }; context?: RequestContext | null }): Promise<void> {
  const { actor, context } = options;
  if (actor.kind !== "user" || !actor.userId) throw forbidden("Only a signed-in user can change their password");
  const input = ZChangePasswordInput.parse(options.input);
  const user = await db().user.findUnique({ where: { id: actor.userId }, omit: { passwordHash: false } });
  if (!user?.passwordHash) throw new AppError("conflict", "This account signs in through single sign-on and has no password");
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("validation_failed", "The current password is not correct", { issues: [{ path: "currentPassword", message: "is not correct" }] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await transact(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    const ended = await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null, ...(actor.sessionId ? { id: { not: actor.sessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    await appendAuditEvent(tx, {
      action: "auth.password_changed",
      actor: actorRef(actor),
      target: { type: "user", id: user.id },
      details: { wasTemporary: user.mustChangePassword, endedOtherSessions: ended.count },
      context,
    });
  });
}
