// Authenticates a request from its headers: `Authorization: Bearer <API token>`
// or the session cookie. A request that presents an Authorization header is
// judged by it alone (no fallback to the cookie).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { sessionIdFromCookieHeader } from "@/lib/auth/session-cookie";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { resolveSession } from "@/lib/sessions/resolve-session";

export type Authentication =
  | { status: "authenticated"; actor: Actor; via: "session"; mustChangePassword: boolean }
  | { status: "authenticated"; actor: Actor; via: "bearer"; mustChangePassword: false }
  | { status: "anonymous" }
  | { status: "invalid"; message: string };

export async function authenticateRequest(headers: Headers): Promise<Authentication> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer[ ]+([^\s]+)$/i.exec(authorization.trim());
    if (!match) return { status: "invalid", message: "The Authorization header must be `Bearer <API token>`" };
    const actor = await authenticateApiToken(match[1]!);
    if (!actor) return { status: "invalid", message: "The API token is not valid, has expired or was revoked" };
    return { status: "authenticated", actor, via: "bearer", mustChangePassword: false };
  }
  const sessionId = await sessionIdFromCookieHeader(headers.get("cookie"));
  if (!sessionId) return { status: "anonymous" };
  const actor = await resolveSession(sessionId);
  if (!actor) return { status: "anonymous" };
  const { mustChangePassword, ...rest } = actor;
  return { status: "authenticated", actor: rest, via: "session", mustChangePassword };
}
