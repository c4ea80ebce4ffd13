// Creates a user (admin). With a temporary password, Warden generates it and
// returns it once; the user must change it at first sign-in.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";
import { presentUser, USER_VIEW_SELECT } from "@/lib/users/present";
import { userSearchText } from "@/lib/users/search-text";
import { ZCreateUserInput, type TCreateUserInput, type TUser } from "@/lib/users/schemas";

export async function createUser(options: { actor: Actor; input: TCreateUserInput; context?: RequestContext | null }): Promise<{ user: TUser; temporaryPassword: string | null }> {
  const { actor, context } = options;
  assertCan(actor, "users:manage");
  const input = ZCreateUserInput.parse(options.input);
  const temporaryPassword = input.signIn === "temporary_password" ? generatePassword() : null;
  const passwordHash = temporaryPassword ? await hashPassword(temporaryPassword) : null;
  const user = await transact(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw conflict("A user with this email already exists", [{ path: "email", message: "already in use" }]);
    const created = await tx.user.create({
      data: {
        id: newId("user"),
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        mustChangePassword: temporaryPassword !== null,
        searchText: userSearchText(input),
      },
      select: USER_VIEW_SELECT,
    });
    await appendAuditEvent(tx, {
      action: "user.created",
      actor: actorRef(actor),
      target: { type: "user", id: created.id },
      details: { email: created.email, role: created.role, signIn: input.signIn },
      context,
    });
    return created;
  });
  return { user: presentUser(user), temporaryPassword };
}
