// Changes a user's name or role (admin). A role change takes effect on the
// user's next request, because sessions re-read the user every time.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors/app-error";
import { assertAnotherActiveAdmin } from "@/lib/users/last-admin";
import { presentUser, USER_VIEW_SELECT } from "@/lib/users/present";
import { ZUpdateUserInput, type TUpdateUserInput, type TUser } from "@/lib/users/schemas";
import { userSearchText } from "@/lib/users/search-text";

export async function updateUser(options: { actor: Actor; userId: string; input: TUpdateUserInput; context?: RequestContext | null }): Promise<TUser> {
  const { actor, userId, context } = options;
  assertCan(actor, "users:manage");
  const input = ZUpdateUserInput.parse(options.input);
  return transact(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: USER_VIEW_SELECT });
    if (!before) throw notFound("User");
    const roleChanges = input.role !== undefined && input.role !== before.role;
    if (roleChanges && before.role === "admin" && before.active) await assertAnotherActiveAdmin(tx, userId);
    const name = input.name ?? before.name;
    const after = await tx.user.update({
      where: { id: userId },
      data: { name, role: input.role ?? before.role, searchText: userSearchText({ email: before.email, name }) },
      select: USER_VIEW_SELECT,
    });
    if (roleChanges) {
      await appendAuditEvent(tx, {
        action: "user.role_changed",
        actor: actorRef(actor),
        target: { type: "user", id: userId },
        details: { from: before.role, to: after.role },
        context,
      });
    }
    if (input.name !== undefined && input.name !== before.name) {
      await appendAuditEvent(tx, {
        action: "user.updated",
        actor: actorRef(actor),
        target: { type: "user", id: userId },
        details: { name: { from: before.name, to: after.name } },
        context,
      });
    }
    return presentUser(after);
  });
}
