// Reactivates a deactivated user (admin).
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { presentUser, USER_VIEW_SELECT } from "@/lib/users/present";
import type { TUser } from "@/lib/users/schemas";

export async function reactivateUser(options: { actor: Actor; userId: string; context?: RequestContext | null }): Promise<TUser> {
  const { actor, userId, context } = options;
  assertCan(actor, "users:manage");
  return transact(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: USER_VIEW_SELECT });
    if (!user) throw notFound("User");
    if (user.active) throw conflict("This user is already active");
    const updated = await tx.user.update({ where: { id: userId }, data: { active: true, deactivatedAt: null, failedLoginCount: 0, lockedUntil: null }, select: USER_VIEW_SELECT });
    await appendAuditEvent(tx, { action: "user.reactivated", actor: actorRef(actor), target: { type: "user", id: userId }, details: { email: user.email }, context });
    return presentUser(updated);
  });
}
