// The session cookie: a next-auth JWT (encrypted with the session secret) that
// carries only the server-side session id. `__Host-` binds it to this exact
// origin when Warden is served over https.
import { decode } from "next-auth/jwt";
import { parse } from "cookie";
import { publicUrl } from "@/lib/config/env";
import { sessionSecret } from "@/lib/auth/secret";

export function usesSecureCookies(): boolean {
  return publicUrl().startsWith("https://");
}

export function sessionCookieName(): string {
  return usesSecureCookies() ? "__Host-warden.session" : "warden.session";
}

/** The session id inside a request's session cookie, if the cookie is present and genuine. */
export async function sessionIdFromCookieHeader(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  const value = parse(cookieHeader)[sessionCookieName()];
  if (!value) return null;
  try {
    const token = await decode({ token: value, secret: sessionSecret() });
    return typeof token?.sid === "string" ? token.sid : null;
  } catch {
    return null;
  }
}
