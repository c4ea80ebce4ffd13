// Web security of the console's sessions against the production build: the
// session cookie's flags (the http variant; https — `__Host-`, Secure — is
// tests/integration/session-cookie-https.test.ts), session fixation and forged
// cookies, and CSRF on cookie-authenticated mutations, from the API and from a
// page on another origin of the same site (which gets the SameSite=Lax cookie
// sent along). Page headers and clickjacking: page-security.spec.ts.
import { decode, encode } from "next-auth/jwt";
import { createUserViaApi, unique } from "../support/api";
import { expect, test } from "../support/fixtures";
import { signIn, signInFirstTime } from "../support/sign-in";
import { BASE_URL, E2E_PORT, E2E_SESSION_SECRET } from "../support/state";
import { attackerServer, meWithCookie, serverNamed, SESSION_COOKIE, sessionCookieValue, signedInUser, signInThroughNextAuth } from "../support/web-security";

test("the session cookie is HttpOnly, SameSite=Lax, host-only for the whole site, and out of reach of scripts", async ({ browser, request }) => {
  const email = `${unique("websec-cookie")}@example.test`;
  const { temporaryPassword } = await createUserViaApi(request, { email, name: "Cookie Flags", role: "owner" });
  const context = await browser.newContext({ baseURL: BASE_URL });
  const setCookies: string[] = [];
  context.on("response", async (response) => {
    for (const value of await response.headerValues("set-cookie").catch(() => [])) if (value.startsWith(`${SESSION_COOKIE}=`) || value.includes(`${SESSION_COOKIE}=`)) setCookies.push(value);
  });
  const page = await context.newPage();
  await signInFirstTime(page, email, temporaryPassword, `Cookie-${unique("pw")}`);

  // as written on the wire (WARDEN_URL is http in the e2e run: no Secure, no __Host- prefix)
  const issued = setCookies.filter((value) => !/^[^=]+=;/.test(value));
  expect(issued.length).toBeGreaterThan(0);
  for (const value of issued) {
    expect(value).toMatch(new RegExp(`^${SESSION_COOKIE.replace(".", "\\.")}=[^;]+;`));
    expect(value).toMatch(/;\s*HttpOnly(;|$)/i);
    expect(value).toMatch(/;\s*SameSite=Lax(;|$)/i);
    expect(value).toMatch(/;\s*Path=\/(;|$)/i);
    expect(value).not.toMatch(/;\s*Domain=/i);
    expect(value).not.toMatch(/;\s*Secure(;|$)/i);
  }
  // as the browser stored it
  const cookie = (await context.cookies(BASE_URL)).find((candidate) => candidate.name === SESSION_COOKIE)!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: false, domain: "localhost" });
  expect((await context.cookies(BASE_URL)).some((candidate) => candidate.name.startsWith("__Host-"))).toBe(false);
  // page scripts cannot read it
  expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
  await context.close();
});

test("signing in replaces a planted session cookie, never adopts it, and forged cookies open nothing", async ({ browser, request, playwright }) => {
  const victim = await signedInUser(browser, request, "owner");
  const attacker = await signedInUser(browser, request, "owner");
  const attackerCookie = (await sessionCookieValue(attacker.context))!;
  const api = await playwright.request.newContext({ baseURL: BASE_URL });
  try {
    // --- a cookie value chosen by an attacker is refused, and signing in replaces it
    const planted = `planted-${unique("session")}`;
    const fresh = await browser.newContext({ baseURL: BASE_URL });
    await fresh.addCookies([{ name: SESSION_COOKIE, value: planted, url: BASE_URL }]);
    expect((await fresh.request.get("/api/v1/me")).status()).toBe(401);
    const page = await fresh.newPage();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, victim.email, victim.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const afterSignIn = (await sessionCookieValue(fresh))!;
    expect(afterSignIn).not.toBe(planted);
    expect(((await (await fresh.request.get("/api/v1/me")).json()) as { user: { email: string } }).user.email).toBe(victim.email);
    await fresh.close();

    // --- the attacker's own valid session planted in the victim's browser: signing in issues a new session,
    // and the attacker's cookie still belongs to the attacker (it did not become the victim's)
    const victimBrowser = await browser.newContext({ baseURL: BASE_URL });
    await victimBrowser.addCookies([{ name: SESSION_COOKIE, value: attackerCookie, url: BASE_URL }]);
    await signInThroughNextAuth(victimBrowser.request, victim.email, victim.password);
    const victimCookie = (await sessionCookieValue(victimBrowser))!;
    expect(victimCookie).not.toBe(attackerCookie);
    expect(((await (await victimBrowser.request.get("/api/v1/me")).json()) as { user: { email: string } }).user.email).toBe(victim.email);
    const attackerMe = await meWithCookie(api, attackerCookie);
    expect(attackerMe.status()).toBe(200);
    expect(((await attackerMe.json()) as { user: { email: string } }).user.email).toBe(attacker.email);
    await victimBrowser.close();

    // --- forged cookies: the genuine one opened with the e2e session secret, then altered
    const genuine = (await decode({ token: victimCookie, secret: E2E_SESSION_SECRET }))!;
    expect(typeof genuine.sid).toBe("string");
    expect((await meWithCookie(api, victimCookie)).status()).toBe(200);
    const tampered = `${victimCookie.slice(0, 60)}${victimCookie[60] === "A" ? "B" : "A"}${victimCookie.slice(61)}`;
    const forged: Record<string, string> = {
      "a random value": `eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..${unique("x")}.${unique("y")}.${unique("z")}`,
      "the genuine cookie with one character changed": tampered,
      "the genuine claims sealed with another secret": await encode({ token: genuine, secret: "not-the-e2e-session-secret-0123456789abcdef" }),
      "a session id that does not exist, sealed with the real secret": await encode({ token: { ...genuine, sid: `ses_${"0".repeat(26)}` }, secret: E2E_SESSION_SECRET }),
      "an unsigned JWT with the genuine claims": `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(genuine)).toString("base64url")}.`,
    };
    for (const [what, value] of Object.entries(forged)) {
      expect((await meWithCookie(api, value)).status(), what).toBe(401);
      const dashboard = await api.get("/dashboard", { headers: { cookie: `${SESSION_COOKIE}=${value}` }, maxRedirects: 0 });
      expect(dashboard.status(), what).toBe(307);
      expect(dashboard.headers()["location"], what).toMatch(/\/login/);
    }
    // control: the same claims sealed with the real secret do open the session, so the refusals above are the checks at work
    expect((await meWithCookie(api, await encode({ token: genuine, secret: E2E_SESSION_SECRET }))).status()).toBe(200);
  } finally {
    await api.dispose();
    await victim.context.close();
    await attacker.context.close();
  }
});

test("cookie-authenticated mutations from anywhere but Warden's own origin are refused and change nothing (CSRF)", async ({ browser, request }) => {
  const admin = await signedInUser(browser, request, "admin");
  const api = admin.context.request;
  try {
    const create = (name: string, headers: Record<string, string>) => api.post("/api/v1/servers", { headers, data: { name, resourceUri: `https://${name}.example.test/mcp`, ownerId: admin.id } });
    const attempts: [string, Record<string, string>][] = [
      ["another origin", { origin: "https://evil.example" }],
      ["no Origin header", {}],
      ["Origin: null (sandboxed frame, data: URL)", { origin: "null" }],
      ["Warden's port under another host name", { origin: `http://127.0.0.1:${E2E_PORT}` }],
      ["a look-alike origin", { origin: `${BASE_URL}.evil.example` }],
      ["Sec-Fetch-Site: cross-site (with Warden's Origin)", { origin: BASE_URL, "sec-fetch-site": "cross-site" }],
      ["Sec-Fetch-Site: same-site (with Warden's Origin)", { origin: BASE_URL, "sec-fetch-site": "same-site" }],
    ];
    const refusedNames: string[] = [];
    for (const [what, headers] of attempts) {
      const name = unique("csrf-server");
      refusedNames.push(name);
      const response = await create(name, headers);
      expect(response.status(), what).toBe(403);
      const problem = (await response.json()) as { code: string; detail: string };
      expect(problem.code, what).toBe("forbidden");
      expect(problem.detail, what).toContain("CSRF");
    }

    // control: the same session from Warden's own origin may create it
    const controlName = unique("csrf-control");
    const control = await create(controlName, { origin: BASE_URL, "sec-fetch-site": "same-origin" });
    expect(control.status(), await control.text()).toBe(201);
    const server = (await control.json()) as { id: string; status: string };

    // other methods and endpoints: edit, suspend, mint an API token
    const evil = { origin: "https://evil.example" };
    expect((await api.patch(`/api/v1/servers/${server.id}`, { headers: evil, data: { name: `${controlName}-renamed` } })).status()).toBe(403);
    expect((await api.post(`/api/v1/identities/${server.id}/suspend`, { headers: evil, data: { reason: "cross-site suspension" } })).status()).toBe(403);
    const tokenName = unique("csrf-token");
    expect((await api.post("/api/v1/api-tokens", { headers: evil, data: { name: tokenName, role: "admin" } })).status()).toBe(403);
    expect((await api.post("/api/v1/api-tokens", { headers: {}, data: { name: tokenName, role: "admin" } })).status()).toBe(403);

    // nothing changed
    for (const name of refusedNames) expect(await serverNamed(request, name), name).toEqual([]);
    expect((await serverNamed(request, controlName)).map((item) => [item.name, item.status])).toEqual([[controlName, server.status]]);
    const tokens = (await (await api.get("/api/v1/api-tokens")).json()) as { items: { name: string }[] };
    expect(tokens.items.map((token) => token.name)).not.toContain(tokenName);
  } finally {
    await admin.context.close();
  }
});

test("a form on another origin of the same site posts with the session cookie and is refused", async ({ browser, request }) => {
  const admin = await signedInUser(browser, request, "admin");
  const name = unique("csrf-form");
  // text/plain form bodies can smuggle JSON: {"name":…,"x":"="}
  const field = JSON.stringify({ name, resourceUri: `https://${name}.example.test/mcp`, ownerId: admin.id, x: "" }).slice(0, -2);
  const attacker = await attackerServer({
    "/csrf": `<!doctype html><title>win a prize</title>
      <form id="f" method="POST" action="${BASE_URL}/api/v1/servers" enctype="text/plain"><input type="hidden" name='${field}' value='"}'></form>
      <script>document.getElementById("f").submit()</script>`,
  });
  try {
    const page = await admin.context.newPage();
    const posted = page.waitForRequest((candidate) => candidate.url() === `${BASE_URL}/api/v1/servers` && candidate.method() === "POST");
    const answered = page.waitForResponse((candidate) => candidate.url() === `${BASE_URL}/api/v1/servers` && candidate.request().method() === "POST");
    await page.goto(`${attacker.origin}/csrf`);
    const sent = await posted;
    // the browser did send the session cookie (same site): only the origin check stands in the way
    expect((await sent.allHeaders())["cookie"] ?? "").toContain(`${SESSION_COOKIE}=`);
    expect((await sent.allHeaders())["origin"]).toBe(attacker.origin);
    const response = await answered;
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("CSRF");
    expect(await serverNamed(request, name)).toEqual([]);
  } finally {
    await attacker.close();
    await admin.context.close();
  }
});
