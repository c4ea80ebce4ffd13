// Every console page against the production build: the security headers
// (CSP frame-ancestors 'none', X-Frame-Options, nosniff, Referrer-Policy) on
// each page route, enumerated from app/**/page.tsx with real ids for dynamic
// segments, signed in and signed out; and clickjacking: an attacker's page on
// the same site framing the console. Sessions and CSRF: session-security.spec.ts.
import fs from "node:fs";
import path from "node:path";
import type { APIResponse } from "@playwright/test";
import { POSTURE_CARD_IDS } from "../../lib/posture/schemas";
import { adminHeaders, unique } from "../support/api";
import { expect, test } from "../support/fixtures";
import { registerGateway } from "../support/gateway";
import { BASE_URL } from "../support/state";
import { attackerServer, signedInUser } from "../support/web-security";

/** Every page route of the app, from the file system: app/**\/page.tsx without route groups. */
function pageRoutes(): string[] {
  const routes: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), /^\(.+\)$/.test(entry.name) ? segments : [...segments, entry.name]);
      else if (entry.name === "page.tsx") routes.push(`/${segments.join("/")}`);
    }
  };
  walk(path.join(process.cwd(), "app"), []);
  return routes.sort();
}

const SECURITY_HEADERS = (headers: Record<string, string>): string[] => {
  const problems: string[] = [];
  if (!/(^|;)\s*frame-ancestors 'none'\s*(;|$)/.test(headers["content-security-policy"] ?? "")) problems.push(`CSP without frame-ancestors 'none': ${headers["content-security-policy"]}`);
  if (headers["x-frame-options"] !== "DENY") problems.push(`X-Frame-Options ${headers["x-frame-options"]}`);
  if (headers["x-content-type-options"] !== "nosniff") problems.push(`X-Content-Type-Options ${headers["x-content-type-options"]}`);
  if (headers["referrer-policy"] !== "no-referrer") problems.push(`Referrer-Policy ${headers["referrer-policy"]}`);
  return problems;
};

test("every console page, signed in or not, carries CSP frame-ancestors 'none', X-Frame-Options, nosniff and Referrer-Policy", async ({ browser, request, playwright }) => {
  test.setTimeout(240_000);
  const headers = adminHeaders();
  const admin = await signedInUser(browser, request, "admin");
  try {
    // one real object for every dynamic segment
    const ownerId = admin.id;
    const server = (await (await request.post("/api/v1/servers", { headers, data: { name: unique("hdr-server"), resourceUri: `https://${unique("hdr")}.example.test/mcp`, ownerId } })).json()) as { id: string };
    const agent = (await (await request.post("/api/v1/agents", { headers, data: { name: unique("hdr-agent"), ownerId, environment: "development" } })).json()) as { id: string };
    const resource = (await (await request.post("/api/v1/resources", { headers, data: { name: unique("hdr-resource"), audienceUri: `urn:e2e-headers:${unique("db")}`, ownerId, environment: "development" } })).json()) as { id: string };
    const gateway = await registerGateway(request, { name: unique("hdr-gateway"), ownerId });
    const campaign = await request.post("/api/v1/campaigns", { headers, data: { type: "grant", name: unique("hdr-campaign"), dueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(), filters: { ownerIds: [ownerId] } } });
    expect(campaign.status(), await campaign.text()).toBe(201);
    const event = ((await (await request.get(`/api/v1/audit/events?targetId=${server.id}`, { headers })).json()) as { items: { id: string }[] }).items[0]!;
    const dynamic: Record<string, string[]> = {
      "/agents/[id]": [agent.id],
      "/audit/chain/[id]": [event.id],
      "/campaigns/[id]": [((await campaign.json()) as { id: string }).id],
      "/dashboard/[card]": [...POSTURE_CARD_IDS],
      "/gateways/[id]": [gateway.id],
      "/resources/[id]": [resource.id],
      "/servers/[id]": [server.id],
    };

    const routes = pageRoutes();
    expect(routes).toEqual(expect.arrayContaining(["/", "/login", "/dashboard", "/settings/users", "/servers/[id]"]));
    const unmapped = routes.filter((route) => route.includes("[") && !(route in dynamic));
    expect(unmapped, "a page with a dynamic segment: give it a real id in `dynamic`").toEqual([]);
    const urls = routes.flatMap((route) => (route in dynamic ? dynamic[route]!.map((value) => route.replace(/\[[^\]]+\]/, value)) : [route]));
    urls.push(`/${unique("no-such-page")}`);

    const problems: string[] = [];
    const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
    for (const url of urls) {
      // signed in: follow redirects by hand, checking every hop; the page itself must render
      let target = url;
      let final: APIResponse | null = null;
      for (let hop = 0; hop < 4 && !final; hop++) {
        const response = await admin.context.request.get(target, { maxRedirects: 0 });
        for (const problem of SECURITY_HEADERS(response.headers())) problems.push(`${target} (signed in, ${response.status()}): ${problem}`);
        const location = response.headers()["location"];
        if (response.status() >= 300 && response.status() < 400 && location) target = new URL(location, BASE_URL).pathname;
        else final = response;
      }
      const expected = url.includes("no-such-page") ? 404 : 200;
      if (final?.status() !== expected) problems.push(`${url} (signed in) answered ${final?.status()} at ${target}, expected ${expected}`);
      else if (expected === 200 && !/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/.test(final.headers()["content-security-policy"] ?? "")) problems.push(`${url}: no per-request nonce CSP`);
      // signed out: the redirect to /login (or the login page itself) carries them too
      const response = await anonymous.get(url, { maxRedirects: 0 });
      for (const problem of SECURITY_HEADERS(response.headers())) problems.push(`${url} (signed out, ${response.status()}): ${problem}`);
    }
    await anonymous.dispose();
    expect(problems).toEqual([]);
    console.log(`security headers checked on ${urls.length} page URLs (${routes.length} page routes), signed in and out`);
  } finally {
    await admin.context.close();
  }
});

test("an attacker's page cannot frame the console (clickjacking)", async ({ browser, request }) => {
  const admin = await signedInUser(browser, request, "admin");
  const attacker = await attackerServer({
    "/own": `<!doctype html><p id="own">the attacker's own frame renders</p>`,
    "/frame": `<!doctype html><title>free prize</title>
      <iframe id="own" src="/own" width="400" height="200"></iframe>
      <iframe id="dashboard" src="${BASE_URL}/dashboard" width="800" height="600"></iframe>
      <iframe id="tokens" src="${BASE_URL}/settings/api-tokens" width="800" height="600"></iframe>
      <iframe id="login" src="${BASE_URL}/login" width="800" height="600"></iframe>`,
  });
  try {
    const page = await admin.context.newPage();
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (/frame-ancestors|X-Frame-Options/i.test(message.text())) refusals.push(message.text());
    });
    const framed: string[] = [];
    page.on("response", (response) => {
      if (response.url().startsWith(BASE_URL) && response.request().resourceType() === "document") framed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${attacker.origin}/frame`);
    // the frames work in this browser: the attacker's own one renders
    await expect(page.frameLocator("#own").locator("#own")).toBeVisible();
    // the browser fetched each Warden page (the same-site frame even carries the session cookie)…
    await expect.poll(() => framed.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    // …and refused to render every one of them
    for (const id of ["dashboard", "tokens", "login"]) {
      const frame = (await (await page.locator(`#${id}`).elementHandle())!.contentFrame())!;
      await expect.poll(() => frame.url(), { message: `#${id} frame`, timeout: 15_000 }).toMatch(/^chrome-error:/);
      expect(await frame.locator("body").innerText().catch(() => ""), `#${id} frame`).not.toMatch(/Warden|Sign in|Dashboard/);
    }
    await expect.poll(() => refusals.length).toBeGreaterThanOrEqual(3);
  } finally {
    await attacker.close();
    await admin.context.close();
  }
});
