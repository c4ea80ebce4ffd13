// The calling principal as the API describes it.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { presentUser, USER_VIEW_SELECT } from "@/lib/users/present";
import type { TUser } from "@/lib/users/schemas";
import type { Permission, Role } from "@/lib/auth/permissions";

export type Me = { kind: "user" | "api_token"; id: string; label: string; role: Role | null; permissions: Permission[]; user: TUser | null };

export async function getMe(actor: Actor): Promise<Me> {
  const user = actor.userId ? await db().user.findUnique({ where: { id: actor.userId }, select: USER_VIEW_SELECT }) : null;
  return {
    kind: actor.kind === "api_token" ? "api_token" : "user",
    id: actor.id,
    label: actor.label,
    role: actor.role,
    permissions: [...actor.permissions].sort(),
    user: user ? presentUser(user) : null,
  };
}
