// One user, by id.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors/app-error";
import { presentUser, USER_VIEW_SELECT } from "@/lib/users/present";
import type { TUser } from "@/lib/users/schemas";

export async function getUser(options: { actor: Actor; userId: string }): Promise<TUser> {
  const { actor, userId } = options;
  if (!can(actor, "users:read") && actor.userId !== userId) throw forbidden();
  const row = await db().user.findUnique({ where: { id: userId }, select: USER_VIEW_SELECT });
  if (!row) throw notFound("User");
  return presentUser(row);
}
