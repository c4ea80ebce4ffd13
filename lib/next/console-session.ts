// The signed-in console user for server components and layouts, read from the
// session cookie and re-validated against the database on every render.
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { sessionCookieName, sessionIdFromCookieHeader } from "@/lib/auth/session-cookie";
import { db } from "@/lib/db/client";
import { resolveSession } from "@/lib/sessions/resolve-session";

export type ConsoleSession = {
  actor: Actor;
  user: { id: string; email: string; name: string; role: NonNullable<Actor["role"]> };
  mustChangePassword: boolean;
};

export async function getConsoleSession(): Promise<ConsoleSession | null> {
  const store = await cookies();
  const value = store.get(sessionCookieName())?.value;
  if (!value) return null;
  const sessionId = await sessionIdFromCookieHeader(`${sessionCookieName()}=${value}`);
  if (!sessionId) return null;
  const resolved = await resolveSession(sessionId);
  if (!resolved || !resolved.userId) return null;
  const { mustChangePassword, ...actor } = resolved;
  const user = await db().user.findUnique({ where: { id: resolved.userId }, select: { id: true, email: true, name: true, role: true } });
  if (!user) return null;
  return { actor, user, mustChangePassword };
}

/** For console pages: redirects to sign-in, or to the password change a temporary password requires. */
export async function requireConsoleSession(options: { allowPasswordChange?: boolean } = {}): Promise<ConsoleSession> {
  const session = await getConsoleSession();
  if (!session) redirect("/login");
  if (session.mustChangePassword && !options.allowPasswordChange) redirect("/account/password");
  return session;
}

export function hasPermission(session: ConsoleSession, permission: Permission): boolean {
  return can(session.actor, permission);
}
