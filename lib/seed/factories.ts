// Importable factories for seeds, demos and tests: they create data through the
// same domain functions as the app, so what they make is always valid.
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { sessionSecret } from "@/lib/auth/secret";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { userActor } from "@/lib/auth/user-actor";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db/client";
import { changeIdentityStatus } from "@/lib/identities/change-identity-status";
import type { IdentityKind, IdentityStatus } from "@/lib/identities/kinds";
import { registerIdentity } from "@/lib/identities/register-identity";
import type { TIdentity } from "@/lib/identities/schemas";
import { createSession } from "@/lib/sessions/create-session";
import { createUser } from "@/lib/users/create-user";

export function uniqueSuffix(): string {
  return crypto.randomBytes(5).toString("hex");
}

export type SeededUser = { id: string; email: string; name: string; role: Role; password: string; actor: Actor };

/** A user with a known, already-changed password. */
export async function seedUser(options: { role?: Role; email?: string; name?: string; password?: string } = {}): Promise<SeededUser> {
  const role = options.role ?? "owner";
  const suffix = uniqueSuffix();
  const email = options.email ?? `${role}-${suffix}@example.test`;
  const name = options.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${suffix}`;
  const password = options.password ?? `pw-${crypto.randomBytes(12).toString("base64url")}`;
  const { user } = await createUser({ actor: SYSTEM_ACTOR, input: { email, name, role, signIn: "temporary_password" } });
  await db().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password), mustChangePassword: false } });
  return { id: user.id, email, name, role, password, actor: userActor({ id: user.id, email, name, role, mustChangePassword: false }) };
}

/** An API token secret acting for `user` (or a service token when user is null). */
export async function seedApiToken(options: { role: Role; user?: SeededUser | null; scopes?: string[]; expiresAt?: string; name?: string }): Promise<{ id: string; secret: string }> {
  const { token, secret } = await createApiToken({
    actor: SYSTEM_ACTOR,
    forUserId: options.user?.id ?? null,
    input: { name: options.name ?? `token-${uniqueSuffix()}`, role: options.role, scopes: options.scopes, expiresAt: options.expiresAt },
  });
  return { id: token.id, secret };
}

/** A Cookie header value carrying a real session for the user, as next-auth would set it. */
export async function sessionCookieFor(userId: string): Promise<{ cookie: string; sessionId: string }> {
  const session = await createSession({ userId, authMethod: "password", context: null });
  const token = await encode({ token: { sub: userId, sid: session.id }, secret: sessionSecret() });
  return { cookie: `${sessionCookieName()}=${token}`, sessionId: session.id };
}

/** An identity of any kind, registered as an admin would and brought to `status` (default active). */
export async function seedIdentity(options: {
  kind: IdentityKind;
  owner: SeededUser;
  name?: string;
  status?: IdentityStatus;
  environment?: "production" | "staging" | "development";
  extra?: Record<string, unknown>;
}): Promise<TIdentity> {
  const suffix = uniqueSuffix();
  const kindFields: Record<IdentityKind, Record<string, unknown>> = {
    server: { resourceUri: `https://mcp-${suffix}.example.test/mcp` },
    agent: {},
    resource: { audienceUri: `https://api-${suffix}.example.test` },
    gateway: {},
  };
  let identity = await registerIdentity({
    actor: SYSTEM_ACTOR,
    kind: options.kind,
    input: {
      name: options.name ?? `${options.kind}-${suffix}`,
      ownerId: options.owner.id,
      environment: options.environment ?? "staging",
      ...kindFields[options.kind],
      ...options.extra,
    } as never,
  });
  const target = options.status ?? "active";
  const steps: ("approve" | "suspend" | "revoke")[] =
    target === "pending" ? [] : target === "active" ? ["approve"] : target === "suspended" ? ["approve", "suspend"] : ["revoke"];
  for (const change of steps) {
    if (change === "approve" && identity.status === "active") continue;
    identity = await changeIdentityStatus({ actor: SYSTEM_ACTOR, identityId: identity.id, change, reason: change === "approve" ? undefined : "seeded" });
  }
  return identity;
}

export function seedServer(options: { owner: SeededUser; name?: string; resourceUri?: string; status?: IdentityStatus }) {
  return seedIdentity({ kind: "server", owner: options.owner, name: options.name, status: options.status, extra: options.resourceUri ? { resourceUri: options.resourceUri } : undefined });
}
