// The management API against the running production build: the admin token
// from the CLI, role enforcement for an owner, problem+json errors, OpenAPI.
import { expect, test } from "../support/fixtures";
import { adminHeaders, cliApiToken, createUserViaApi, unique } from "../support/api";

test("the CLI-made admin token reaches the API and registers a server", async ({ request }) => {
  const me = await request.get("/api/v1/me", { headers: adminHeaders() });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ kind: "api_token", role: "admin", user: null });

  const admin = await request.get("/api/v1/users?role=admin&limit=1", { headers: adminHeaders() });
  const ownerId = ((await admin.json()) as { items: { id: string }[] }).items[0]!.id;
  const name = unique("api-server");
  const created = await request.post("/api/v1/servers", { headers: adminHeaders(), data: { name, resourceUri: `https://${name}.example.test/mcp`, ownerId } });
  expect(created.status()).toBe(201);
  const server = (await created.json()) as { id: string };

  const listed = await request.get(`/api/v1/servers?q=${name}`, { headers: adminHeaders() });
  expect(((await listed.json()) as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([server.id]);

  const events = await request.get(`/api/v1/audit/events?targetId=${server.id}`, { headers: adminHeaders() });
  expect(((await events.json()) as { items: { action: string }[] }).items.map((event) => event.action)).toEqual(["identity.approved", "identity.registered"]);
});

test("an owner's token cannot call admin APIs, and a bad token is refused", async ({ request }) => {
  const email = `${unique("owner")}@example.test`;
  await createUserViaApi(request, { email, name: "API Owner", role: "owner" });
  const ownerToken = cliApiToken({ role: "owner", userEmail: email });
  const owner = { authorization: `Bearer ${ownerToken}` };

  expect((await request.get("/api/v1/me", { headers: owner })).status()).toBe(200);
  const listUsers = await request.get("/api/v1/users", { headers: owner });
  expect(listUsers.status()).toBe(403);
  expect(((await listUsers.json()) as { code: string }).code).toBe("forbidden");
  expect((await request.post("/api/v1/users", { headers: owner, data: { email: `${unique("x")}@example.test`, name: "X", role: "admin" } })).status()).toBe(403);
  expect((await request.post("/api/v1/audit/verify", { headers: owner })).status()).toBe(403);
  // API tokens never create tokens, whatever their role
  expect((await request.post("/api/v1/api-tokens", { headers: adminHeaders(), data: { name: "x", role: "owner" } })).status()).toBe(403);

  const bogus = await request.get("/api/v1/users", { headers: { authorization: "Bearer wdn_notarealtokennotarealtokennotarealtoken12" } });
  expect(bogus.status()).toBe(401);
  expect(bogus.headers()["content-type"]).toBe("application/problem+json");
});

test("errors are problem+json with the offending field", async ({ request }) => {
  const response = await request.post("/api/v1/servers", { headers: adminHeaders(), data: { name: "x", resourceUri: "http://example.com/mcp", ownerId: "usr_x" } });
  expect(response.status()).toBe(422);
  expect(response.headers()["content-type"]).toBe("application/problem+json");
  const problem = (await response.json()) as { code: string; requestId: string; errors: { path: string }[] };
  expect(problem.code).toBe("validation_failed");
  expect(problem.requestId).toBe(response.headers()["x-request-id"]);
  expect(problem.errors.map((issue) => issue.path)).toContain("resourceUri");
});

test("the OpenAPI document lists the management endpoints", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { "x-warden-permission": string }>> };
  expect(document.openapi).toBe("3.1.0");
  expect(document.paths["/api/v1/servers"]?.post?.["x-warden-permission"]).toBe("identities:register");
  expect(document.paths["/api/v1/users"]?.get?.["x-warden-permission"]).toBe("users:read");
});

test("health reports the database without revealing configuration", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(JSON.parse(body)).toMatchObject({ status: "ok", database: { provider: "sqlite", status: "ok" } });
  expect(body).not.toContain("warden.db");
});

test("pages and API responses carry the security headers", async ({ request }) => {
  const page = await request.get("/login");
  const headers = page.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  const nonces = new Set([page, await request.get("/login")].map((response) => /nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1]));
  expect(nonces.size).toBe(2); // a fresh nonce per response

  const api = await request.get("/api/v1/me", { headers: adminHeaders() });
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(api.headers()["cache-control"]).toBe("no-store");
});
