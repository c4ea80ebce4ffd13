// Who is acting: a signed-in user, an API token, or Warden itself. Every domain
// function takes an Actor and checks its permissions; nothing trusts middleware.
import { forbidden } from "@/lib/errors/app-error";
import type { Permission, Role } from "@/lib/auth/permissions";

export type Actor = {
  kind: "user" | "api_token" | "system";
  /** usr_…, tok_… or "system" */
  id: string;
  /** the human the actor acts for, if any (ownership checks use this) */
  userId: string | null;
  label: string;
  role: Role | null;
  permissions: ReadonlySet<Permission>;
  sessionId?: string;
};

export type RequestContext = {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
};

export const SYSTEM_ACTOR: Actor = {
  kind: "system",
  id: "system",
  userId: null,
  label: "Warden",
  role: null,
  permissions: new Set(),
};

export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind === "system" || actor.permissions.has(permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden(`This requires the ${permission} permission`);
}
