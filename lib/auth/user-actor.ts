// Builds the Actor for a user, or for an API token acting for a user.
import type { Actor } from "@/lib/auth/actor";
import { effectivePermissions, type Permission, type Role } from "@/lib/auth/permissions";

export type ActorUser = { id: string; email: string; name: string; role: Role; mustChangePassword: boolean };

export function userActor(user: ActorUser, sessionId?: string): Actor & { mustChangePassword: boolean } {
  return {
    kind: "user",
    id: user.id,
    userId: user.id,
    label: user.email,
    role: user.role,
    permissions: effectivePermissions([user.role]),
    sessionId,
    mustChangePassword: user.mustChangePassword,
  };
}

export function tokenActor(token: { id: string; name: string; role: Role; scopes: Permission[] | null }, user: ActorUser | null): Actor {
  const roles: Role[] = user ? [token.role, user.role] : [token.role];
  return {
    kind: "api_token",
    id: token.id,
    userId: user?.id ?? null,
    label: user ? `${token.name} (${user.email})` : token.name,
    role: token.role,
    permissions: effectivePermissions(roles, token.scopes),
  };
}
