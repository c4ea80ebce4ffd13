// Deactivates a user (admin): their sessions end at once and their API tokens
// are revoked, so reactivating the user later does not bring old credentials
// back. Identities they own become orphans (the registry issue lists them).
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { revokeUserSessions } from "@/lib/sessions/revoke-session";
import { assertAnotherActiveAdmin } from "@/lib/users/last-admin";
import { presentUser, USER_VIEW_SELECT } from "@/lib/users/present";
import type { TUser } from "@/lib/users/schemas";

export async function deactivateUser(options: { actor: Actor; userId: string; reason?: string; context?: RequestContext | null }): Promise<TUser> {
  const { actor, userId, context } = options;
  assertCan(actor, "users:manage");
  if (actor.userId === userId) throw conflict("You cannot deactivate yourself");
  return transact(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: USER_VIEW_SELECT });
    if (!user) throw notFound("User");
    if (!user.active) throw conflict("This user is already deactivated");
    if (user.role === "admin") await assertAnotherActiveAdmin(tx, userId);
    const updated = await tx.user.update({ where: { id: userId }, data: { active: false, deactivatedAt: new Date() }, select: USER_VIEW_SELECT });
    const endedSessions = await revokeUserSessions(tx, userId);
    const revokedTokens = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    const ownedIdentities = await tx.identity.count({ where: { ownerId: userId } });
    await appendAuditEvent(tx, {
      action: "user.deactivated",
      actor: actorRef(actor),
      target: { type: "user", id: userId },
      details: { email: user.email, reason: options.reason || null, endedSessions, revokedApiTokens: revokedTokens.count, orphanedIdentities: ownedIdentities },
      context,
    });
    return presentUser(updated);
  });
}
