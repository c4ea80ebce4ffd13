// next-auth configuration: password sign-in, optional OIDC single sign-on, and a
// JWT cookie that only carries a server-side session id (lib/sessions). All
// decisions (lockout, provisioning, active checks) live in lib/auth/*; this file
// only wires them to next-auth.
import "server-only";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env, oidcEnabled } from "@/lib/config/env";
import { appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { db } from "@/lib/db/client";
import { sessionSecret } from "@/lib/auth/secret";
import { sessionCookieName, usesSecureCookies } from "@/lib/auth/session-cookie";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { signInWithSso } from "@/lib/auth/sign-in-with-sso";
import { currentRequestContext } from "@/lib/http/request-context";
import { logger } from "@/lib/log";
import { createSession } from "@/lib/sessions/create-session";
import { revokeSession } from "@/lib/sessions/revoke-session";

export const OIDC_PROVIDER_ID = "oidc";

type OidcProfile = { sub: string; email?: string; email_verified?: boolean; name?: string; preferred_username?: string };

// Shown on the sign-in page; deliberately the same for unknown users and wrong
// passwords so the form does not reveal who has an account.
export const SIGN_IN_FAILED = "Sign-in failed. Check your email and password. After repeated failures, sign-in is paused for a while.";

/** Shown when a sign-in rate limit (per email or per address) refused the attempt before checking anything. */
export function signInRateLimited(retryAfterSeconds: number): string {
  const wait = retryAfterSeconds < 90 ? `${retryAfterSeconds} seconds` : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many sign-in attempts. Try again in ${wait}.`;
}

function oidcProvider(): OAuthConfig<OidcProfile> {
  const e = env();
  const issuer = e.WARDEN_OIDC_ISSUER!.replace(/\/+$/, "");
  return {
    id: OIDC_PROVIDER_ID,
    name: e.WARDEN_OIDC_NAME,
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: e.WARDEN_OIDC_CLIENT_ID!,
    clientSecret: e.WARDEN_OIDC_CLIENT_SECRET!,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // Many providers put scope claims (email, name) in userinfo only, not in
    // the ID token. The ID token is still validated (signature, nonce); userinfo
    // adds what it lacks, and openid-client checks that both name the same sub.
    userinfo: {
      async request({ tokens, client }) {
        // at run time `tokens` is openid-client's TokenSet from the validated callback
        const tokenSet = tokens as unknown as { claims(): Record<string, unknown> };
        const info = await (client as unknown as { userinfo(set: unknown): Promise<Record<string, unknown>> }).userinfo(tokenSet);
        return { ...info, ...tokenSet.claims() } as unknown as OidcProfile & Record<string, unknown>;
      },
    },
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? null }),
  };
}

export function authOptions(): NextAuthOptions {
  const e = env();
  const secure = usesSecureCookies();
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: e.WARDEN_SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secure,
    cookies: {
      sessionToken: { name: sessionCookieName(), options: { httpOnly: true, sameSite: "lax", path: "/", secure } },
    },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const email = typeof credentials?.email === "string" ? credentials.email.slice(0, 320) : "";
          const password = typeof credentials?.password === "string" ? credentials.password.slice(0, 1024) : "";
          const result = await signInWithPassword({ email, password, context: currentRequestContext() });
          if (!result.ok) throw new Error(result.reason === "rate_limited" ? signInRateLimited(result.retryAfterSeconds) : SIGN_IN_FAILED);
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
      ...(oidcEnabled(e) ? [oidcProvider()] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = (profile ?? {}) as OidcProfile;
        const result = await signInWithSso({
          profile: {
            issuer: env().WARDEN_OIDC_ISSUER!,
            subject: claims.sub ?? account.providerAccountId,
            email: claims.email ?? "",
            emailVerified: claims.email_verified === true,
            name: claims.name ?? claims.preferred_username,
          },
          context: currentRequestContext(),
        });
        if (!result.ok) return false;
        // next-auth hands this same object to the jwt callback below.
        (user as User).id = result.user.id;
        return true;
      },
      async jwt({ token, user, account }) {
        if (!user) return token;
        const session = await createSession({
          userId: user.id,
          authMethod: account?.provider === OIDC_PROVIDER_ID ? "oidc" : "password",
          context: currentRequestContext(),
        });
        return { sub: user.id, sid: session.id };
      },
      async session({ session, token }) {
        return { ...session, user: undefined, sessionId: token.sid } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        const sessionId = typeof token?.sid === "string" ? token.sid : null;
        if (!sessionId) return;
        const session = await db().session.findUnique({ where: { id: sessionId }, include: { user: { select: { email: true } } } });
        if (!session || session.revokedAt) return;
        await revokeSession(sessionId);
        await transact((tx) =>
          appendAuditEvent(tx, {
            action: "auth.signed_out",
            actor: { type: "user", id: session.userId, label: session.user.email },
            target: { type: "session", id: sessionId },
            context: currentRequestContext(),
          }),
        );
      },
    },
    logger: {
      error: (code, metadata) => logger().error({ source: "next-auth", code, message: (metadata as Error)?.message }, "next-auth error"),
      warn: (code) => logger().warn({ source: "next-auth", code }, "next-auth warning"),
      debug: () => {},
    },
  };
}
