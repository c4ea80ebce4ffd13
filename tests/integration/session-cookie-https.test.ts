// The session cookie when Warden is served over https, as next-auth writes it
// after a real password sign-in (its CSRF token, then the credentials
// callback, through Warden's authOptions): `__Host-` prefixed, Secure,
// HttpOnly, SameSite=Lax, Path=/ and no Domain. The e2e run is http and checks
// that variant in the browser (e2e/api/session-security.spec.ts).
import type { NextApiRequest, NextApiResponse } from "next";
import NextAuth from "next-auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authOptions } from "@/lib/auth/next-auth-options";
import { sessionCookieName, sessionIdFromCookieHeader, usesSecureCookies } from "@/lib/auth/session-cookie";
import { resetEnvCache } from "@/lib/config/env";
import { contextFromHeaders, runWithRequestContext } from "@/lib/http/request-context";
import { seedUser } from "@/lib/seed/factories";

const ORIGIN = "https://warden.example.test";

type Call = { action: "csrf" | "callback"; method: "GET" | "POST"; providerId?: string; body?: Record<string, string>; cookies?: Record<string, string> };

type Answer = { status: number; setCookies: string[]; body: unknown };

/** next-auth's own handler (its Node request/response form, which serializes cookies the same way as the route handler's). */
async function nextAuth(call: Call): Promise<Answer> {
  const headers = { host: "warden.example.test", origin: ORIGIN, "x-forwarded-proto": "https", "content-type": "application/x-www-form-urlencoded", "user-agent": "vitest" };
  const req = { method: call.method, headers, body: call.body, cookies: call.cookies ?? {}, query: { nextauth: [call.action, ...(call.providerId ? [call.providerId] : [])] } };
  const answer: Answer = { status: 200, setCookies: [], body: undefined };
  const stored = new Map<string, unknown>();
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    setHeader(name: string, value: unknown) {
      stored.set(name.toLowerCase(), value);
      return res;
    },
    getHeader: (name: string) => stored.get(name.toLowerCase()),
    json(body: unknown) {
      answer.body = body;
    },
    send(body: unknown) {
      answer.body = typeof body === "string" ? JSON.parse(body) : body;
    },
    end() {},
  };
  await runWithRequestContext(contextFromHeaders(new Headers(headers)), () => NextAuth(req as unknown as NextApiRequest, res as unknown as NextApiResponse, authOptions()));
  const cookies = stored.get("set-cookie");
  answer.setCookies = Array.isArray(cookies) ? (cookies as string[]) : cookies ? [String(cookies)] : [];
  return answer;
}

function cookieNamed(setCookies: string[], name: string): { header: string; value: string } | null {
  const header = setCookies.find((candidate) => candidate.startsWith(`${name}=`) && !candidate.startsWith(`${name}=;`));
  return header ? { header, value: header.slice(name.length + 1).split(";")[0]! } : null;
}

describe("the session cookie over https", () => {
  beforeAll(() => {
    vi.stubEnv("WARDEN_URL", ORIGIN);
    vi.stubEnv("NEXTAUTH_URL", ORIGIN);
    resetEnvCache();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    resetEnvCache();
  });

  it("is __Host-warden.session: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain — and only that name opens a session", async () => {
    expect(usesSecureCookies()).toBe(true);
    expect(sessionCookieName()).toBe("__Host-warden.session");
    const user = await seedUser({ role: "owner" });

    const csrf = await nextAuth({ action: "csrf", method: "GET" });
    const { csrfToken } = csrf.body as { csrfToken: string };
    const csrfCookie = cookieNamed(csrf.setCookies, "__Host-next-auth.csrf-token");
    expect(csrfCookie, "next-auth's own cookies are __Host- too").not.toBeNull();

    const signedIn = await nextAuth({
      action: "callback",
      method: "POST",
      providerId: "credentials",
      body: { csrfToken, email: user.email, password: user.password, callbackUrl: `${ORIGIN}/dashboard`, json: "true" },
      cookies: { "__Host-next-auth.csrf-token": decodeURIComponent(csrfCookie!.value) },
    });
    expect(signedIn.body).toMatchObject({ url: `${ORIGIN}/dashboard` });
    const setCookies = signedIn.setCookies;
    const session = cookieNamed(setCookies, "__Host-warden.session");
    expect(session, setCookies.join("\n")).not.toBeNull();
    expect(session!.header).toMatch(/;\s*Secure(;|$)/i);
    expect(session!.header).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(session!.header).toMatch(/;\s*SameSite=Lax(;|$)/i);
    expect(session!.header).toMatch(/;\s*Path=\/(;|$)/i);
    expect(session!.header).not.toMatch(/;\s*Domain=/i);
    expect(setCookies.some((header) => header.startsWith("warden.session="))).toBe(false);

    // the cookie opens a session under its __Host- name only; the unprefixed name (which any subdomain could set) is ignored
    expect(await sessionIdFromCookieHeader(`__Host-warden.session=${session!.value}`)).toMatch(/^ses_/);
    expect(await sessionIdFromCookieHeader(`warden.session=${session!.value}`)).toBeNull();
  });
});
