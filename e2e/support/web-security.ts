// Helpers for the web security specs (e2e/api/session-security.spec.ts,
// e2e/api/page-security.spec.ts): users signed in through the real login form,
// next-auth sign-in without the page, and an attacker's web server.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { APIRequestContext, APIResponse, Browser, BrowserContext } from "@playwright/test";
import { adminHeaders, createUserViaApi, unique } from "./api";
import { expect } from "./fixtures";
import { signInFirstTime } from "./sign-in";
import { BASE_URL } from "./state";

export const SESSION_COOKIE = "warden.session";

export type SignedIn = { id: string; email: string; password: string; context: BrowserContext };

/** A new user with a password of their own, signed in through the login form in a fresh browser context. */
export async function signedInUser(browser: Browser, request: APIRequestContext, role: "admin" | "owner"): Promise<SignedIn> {
  const email = `${unique(`websec-${role}`)}@example.test`;
  const { id, temporaryPassword } = await createUserViaApi(request, { email, name: `Web Security ${role}`, role });
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  const password = `Websec-${unique("pw")}`;
  await signInFirstTime(page, email, temporaryPassword, password);
  await page.close();
  return { id, email, password, context };
}

export async function sessionCookieValue(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies(BASE_URL)).find((cookie) => cookie.name === SESSION_COOKIE)?.value;
}

/** Signs in the way the login form does (next-auth's CSRF token, then the credentials callback), without the page. */
export async function signInThroughNextAuth(request: APIRequestContext, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    headers: { origin: BASE_URL },
    form: { csrfToken, email, password, callbackUrl: `${BASE_URL}/dashboard`, json: "true" },
  });
  expect(response.status(), await response.text()).toBe(200);
}

export async function meWithCookie(request: APIRequestContext, value: string): Promise<APIResponse> {
  return request.get("/api/v1/me", { headers: { cookie: `${SESSION_COOKIE}=${value}` } });
}

/** A little web server on another port: another origin, but the same site as localhost (SameSite ignores ports). */
export async function attackerServer(pages: Record<string, string>): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const body = pages[req.url ?? "/"];
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
    res.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function serverNamed(request: APIRequestContext, name: string): Promise<{ id: string; name: string; status: string }[]> {
  const listed = await request.get(`/api/v1/servers?q=${encodeURIComponent(name)}`, { headers: adminHeaders() });
  expect(listed.status()).toBe(200);
  return ((await listed.json()) as { items: { id: string; name: string; status: string }[] }).items;
}
