// The management API's HTTP conventions: problem+json errors with request ids,
// authentication answers, CSRF protection of cookie sessions, body limits and
// parsing, input problems naming their field, and the forced password change.
import { describe, expect, it } from "vitest";
import { GET as listServersRoute, POST as registerServerRoute } from "@/app/api/v1/servers/route";
import { GET as getServerRoute } from "@/app/api/v1/servers/[id]/route";
import { GET as listUsersRoute } from "@/app/api/v1/users/route";
import { GET as getUserRoute } from "@/app/api/v1/users/[id]/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { POST as changePasswordRoute } from "@/app/api/v1/me/password/route";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { seedApiToken, seedUser, sessionCookieFor, uniqueSuffix } from "@/lib/seed/factories";
import { call, ORIGIN } from "./helpers/http";

type Problem = { type: string; title: string; status: number; detail: string; code: string; requestId: string; instance?: string; errors?: { path: string; message: string }[] };

const paths = (problem: Problem) => (problem.errors ?? []).map((issue) => issue.path);

async function adminToken() {
  const admin = await seedUser({ role: "admin" });
  const { secret } = await seedApiToken({ role: "admin", user: admin });
  return { admin, secret };
}

function serverBody(ownerId: string, extra: Record<string, unknown> = {}) {
  const suffix = uniqueSuffix();
  return { name: `conv ${suffix}`, resourceUri: `https://conv-${suffix}.example.test/mcp`, ownerId, ...extra };
}

describe("problem+json and request ids", () => {
  it("answers errors as RFC 9457 problems with a request id", async () => {
    const { secret } = await adminToken();
    const id = `usr_${"0".repeat(26)}`;
    const result = await call<Problem>(getUserRoute, { path: `/api/v1/users/${id}`, params: { id }, bearer: secret });
    expect(result.status).toBe(404);
    expect(result.headers.get("content-type")).toBe("application/problem+json");
    expect(result.headers.get("cache-control")).toBe("no-store");
    expect(result.body).toEqual({
      type: "urn:warden:problem:not_found",
      title: "Not found",
      status: 404,
      detail: "User was not found",
      code: "not_found",
      requestId: expect.stringMatching(/^req_[A-Za-z0-9_-]{16}$/),
      instance: `/api/v1/users/${id}`,
    });
    expect(result.headers.get("x-request-id")).toBe(result.body.requestId);
  });

  it("echoes a well-formed incoming x-request-id and replaces a malformed one", async () => {
    const { secret } = await adminToken();
    const given = `trace-${uniqueSuffix()}.a:b_c`;
    const ok = await call(listServersRoute, { path: "/api/v1/servers?limit=1", bearer: secret, headers: { "x-request-id": given } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("x-request-id")).toBe(given);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(ok.headers.get("content-type")).toBe("application/json");

    const problem = await call<Problem>(listServersRoute, { path: "/api/v1/servers?limit=0", bearer: secret, headers: { "x-request-id": given } });
    expect(problem.status).toBe(422);
    expect(problem.headers.get("x-request-id")).toBe(given);
    expect(problem.body.requestId).toBe(given);

    for (const bad of ["has spaces in it", "x".repeat(65), "semi;colon", "<script>"]) {
      const replaced = await call<Problem>(listServersRoute, { path: "/api/v1/servers?limit=0", bearer: secret, headers: { "x-request-id": bad } });
      expect(replaced.headers.get("x-request-id"), bad).toMatch(/^req_[A-Za-z0-9_-]{16}$/);
      expect(replaced.body.requestId).toBe(replaced.headers.get("x-request-id"));
      expect(replaced.text).not.toContain(bad);
    }
  });
});

describe("authentication", () => {
  it("answers 401 with `WWW-Authenticate: Bearer` when no credentials are sent", async () => {
    const result = await call<Problem>(meRoute, { path: "/api/v1/me" });
    expect(result.status).toBe(401);
    expect(result.headers.get("www-authenticate")).toBe("Bearer");
    expect(result.headers.get("content-type")).toBe("application/problem+json");
    expect(result.body).toMatchObject({ type: "urn:warden:problem:unauthenticated", title: "Authentication required", status: 401, code: "unauthenticated", instance: "/api/v1/me" });
    // a forged or stale session cookie is the same as none
    const forged = await call<Problem>(meRoute, { path: "/api/v1/me", cookie: "warden.session=not-a-jwt" });
    expect(forged.status).toBe(401);
    expect(forged.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("answers 401 invalid_token for a malformed or unknown Authorization header, without falling back to the cookie", async () => {
    const user = await seedUser({ role: "owner" });
    const { cookie } = await sessionCookieFor(user.id);
    const headers = ["Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "Token wdn_abc", "Bearer wdn_short", `Bearer wdn_${"A".repeat(43)}`, "Bearer not-a-warden-token-at-all-0123456789012345"];
    for (const authorization of headers) {
      const result = await call<Problem>(meRoute, { path: "/api/v1/me", cookie, headers: { authorization } });
      expect(result.status, authorization).toBe(401);
      expect(result.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
      expect(result.body.code).toBe("unauthenticated");
    }
    expect((await call(meRoute, { path: "/api/v1/me", cookie })).status).toBe(200);
  });
});

describe("CSRF protection of cookie sessions", () => {
  it("refuses cookie-authenticated mutations that do not come from Warden's own origin", async () => {
    const owner = await seedUser({ role: "owner" });
    const { cookie } = await sessionCookieFor(owner.id);
    const attempts: [string, Record<string, string>][] = [
      ["no Origin", {}],
      ["Origin: null", { origin: "null" }],
      ["foreign Origin", { origin: "https://evil.example" }],
      ["same host, other scheme", { origin: "https://localhost:3000" }],
      ["cross-site fetch metadata", { origin: ORIGIN, "sec-fetch-site": "cross-site" }],
      ["same-site fetch metadata", { origin: ORIGIN, "sec-fetch-site": "same-site" }],
    ];
    for (const [label, headers] of attempts) {
      const result = await call<Problem>(registerServerRoute, { method: "POST", path: "/api/v1/servers", cookie, sameOrigin: false, headers, body: serverBody(owner.id) });
      expect(result.status, label).toBe(403);
      expect(result.body.code).toBe("forbidden");
      expect(result.body.detail, label).toContain("CSRF");
    }
    expect(await db().identity.count({ where: { ownerId: owner.id } })).toBe(0);

    const sameOrigin = await call(registerServerRoute, { method: "POST", path: "/api/v1/servers", cookie, body: serverBody(owner.id) });
    expect(sameOrigin.status).toBe(201);
    // Origin alone (a browser without fetch metadata) is enough
    const originOnly = await call(registerServerRoute, { method: "POST", path: "/api/v1/servers", cookie, sameOrigin: false, headers: { origin: ORIGIN }, body: serverBody(owner.id) });
    expect(originOnly.status).toBe(201);
    expect(await db().identity.count({ where: { ownerId: owner.id } })).toBe(2);

    // reads are not mutations: a cookie GET needs no Origin
    expect((await call(listServersRoute, { path: "/api/v1/servers?limit=1", cookie, sameOrigin: false })).status).toBe(200);
  });

  it("does not apply to Bearer tokens, which carry no ambient credentials", async () => {
    const { admin, secret } = await adminToken();
    const result = await call(registerServerRoute, { method: "POST", path: "/api/v1/servers", bearer: secret, body: serverBody(admin.id) });
    expect(result.status).toBe(201);
    const foreign = await call(registerServerRoute, { method: "POST", path: "/api/v1/servers", bearer: secret, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, body: serverBody(admin.id) });
    expect(foreign.status).toBe(201);
  });
});

describe("request bodies", () => {
  it("refuses a declared Content-Length above WARDEN_MAX_BODY_BYTES with 413 before reading", async () => {
    const { admin, secret } = await adminToken();
    const result = await call<Problem>(registerServerRoute, {
      method: "POST",
      path: "/api/v1/servers",
      bearer: secret,
      headers: { "content-type": "application/json", "content-length": String(1024 * 1024 + 1) },
      rawBody: JSON.stringify(serverBody(admin.id)),
    });
    expect(result.status).toBe(413);
    expect(result.body).toMatchObject({ code: "payload_too_large", detail: "The body exceeds the limit of 1048576 bytes" });
    expect(await db().identity.count({ where: { ownerId: admin.id } })).toBe(0);
  });

  it("stops reading a 2 MiB chunked body without Content-Length once it passes the limit", async () => {
    const { secret } = await adminToken();
    const chunk = new TextEncoder().encode(`{"name":"${"x".repeat(64 * 1024 - 10)}`);
    let sent = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request(`${ORIGIN}/api/v1/servers`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", host: "localhost:3000" },
      body: stream,
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(request.headers.get("content-length")).toBeNull();
    const response = await registerServerRoute(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as Problem).code).toBe("payload_too_large");
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
    expect(sent).toBeGreaterThan(1024 * 1024);
  });

  it("accepts a body just under the limit as far as size goes", async () => {
    const { admin, secret } = await adminToken();
    // valid JSON of ~1 MiB: the size is fine, the over-long name is a 422, not a 413
    const body = JSON.stringify(serverBody(admin.id, { name: "n".repeat(1024 * 1024 - 200) }));
    expect(body.length).toBeLessThan(1024 * 1024);
    const result = await call<Problem>(registerServerRoute, { method: "POST", path: "/api/v1/servers", bearer: secret, headers: { "content-type": "application/json" }, rawBody: body });
    expect(result.status).toBe(422);
    expect(paths(result.body)).toEqual(["name"]);
  });

  it("needs JSON: 415 for other media types, 400 for malformed or empty JSON, 422 for unknown fields", async () => {
    const { admin, secret } = await adminToken();
    const post = (headers: Record<string, string>, rawBody?: string) =>
      call<Problem>(registerServerRoute, { method: "POST", path: "/api/v1/servers", bearer: secret, headers, rawBody });
    const valid = JSON.stringify(serverBody(admin.id));

    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      const result = await post({ "content-type": type }, valid);
      expect(result.status, type).toBe(415);
      expect(result.body.code).toBe("unsupported_media_type");
    }
    // a body without a content type is refused; no body at all means "no fields"
    const missingType = await post({}, valid);
    expect(missingType.status).toBe(415);
    const noBody = await post({}, undefined);
    expect(noBody.status).toBe(422);
    expect(noBody.body.errors?.map((issue) => issue.path).sort()).toEqual(["name", "ownerId", "resourceUri"]);

    const malformed = await post({ "content-type": "application/json" }, '{"name": "x",');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: "bad_request", detail: "The request body is not valid JSON" });
    for (const empty of ["", "   \n"]) {
      const result = await post({ "content-type": "application/json" }, empty);
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ code: "bad_request", detail: "The request body is empty" });
    }
    const notObject = await post({ "content-type": "application/json" }, "[1,2]");
    expect(notObject.status).toBe(422);

    const unknown = await call<Problem>(registerServerRoute, { method: "POST", path: "/api/v1/servers", bearer: secret, body: serverBody(admin.id, { bogusField: true }) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: "bogusField", message: "is not a known field" }]);

    // a +json media type with parameters is JSON too
    const charset = await post({ "content-type": "application/json; charset=utf-8" }, valid);
    expect(charset.status).toBe(201);
    expect(await db().identity.count({ where: { ownerId: admin.id } })).toBe(1);
  });
});

describe("query and path parameters", () => {
  it("names the bad query parameter as query.<name>", async () => {
    const { secret } = await adminToken();
    for (const [query, path] of [
      ["limit=0", "query.limit"],
      ["limit=1000", "query.limit"],
      ["limit=ten", "query.limit"],
      ["limit=2.5", "query.limit"],
      ["cursor=not-a-cursor", "query.cursor"],
    ]) {
      const result = await call<Problem>(listServersRoute, { path: `/api/v1/servers?${query}`, bearer: secret });
      expect(result.status, query).toBe(422);
      expect(result.body.code).toBe("validation_failed");
      expect(result.body.detail).toBe("The query string is not valid");
      expect(paths(result.body), query).toEqual([path]);
    }
    const usersLimit = await call<Problem>(listUsersRoute, { path: "/api/v1/users?limit=101", bearer: secret });
    expect(usersLimit.status).toBe(422);
    expect(paths(usersLimit.body)).toEqual(["query.limit"]);
    expect((await call(listServersRoute, { path: "/api/v1/servers?limit=100", bearer: secret })).status).toBe(200);
  });

  it("names a bad path id as path.id", async () => {
    const { secret } = await adminToken();
    for (const id of ["not-an-id", `usr_${"0".repeat(26)}`, `srv_${"0".repeat(25)}`, `srv_${"A".repeat(26)}`]) {
      const result = await call<Problem>(getServerRoute, { path: `/api/v1/servers/${id}`, params: { id }, bearer: secret });
      expect(result.status, id).toBe(422);
      expect(result.body.detail).toBe("The path is not valid");
      expect(paths(result.body)).toEqual(["path.id"]);
    }
    const missing = `srv_${"0".repeat(26)}`;
    expect((await call(getServerRoute, { path: `/api/v1/servers/${missing}`, params: { id: missing }, bearer: secret })).status).toBe(404);
  });
});

describe("forced password change", () => {
  it("confines a session with a temporary password to /me until the password is changed", async () => {
    const user = await seedUser({ role: "admin" });
    await db().user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    const current = await sessionCookieFor(user.id);
    const other = await sessionCookieFor(user.id);

    const blocked = await call<Problem>(listUsersRoute, { path: "/api/v1/users", cookie: current.cookie });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ code: "forbidden", detail: "Change your temporary password before doing anything else" });
    const blockedWrite = await call<Problem>(registerServerRoute, { method: "POST", path: "/api/v1/servers", cookie: current.cookie, body: serverBody(user.id) });
    expect(blockedWrite.status).toBe(403);
    const me = await call<{ user: { id: string; mustChangePassword: boolean } }>(meRoute, { path: "/api/v1/me", cookie: current.cookie });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: user.id, mustChangePassword: true });

    const change = (body: unknown, cookie = current.cookie) => call<Problem & { changed?: boolean }>(changePasswordRoute, { method: "POST", path: "/api/v1/me/password", cookie, body });
    const wrong = await change({ currentPassword: "not-the-password", newPassword: "a brand new passphrase" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ path: "currentPassword", message: "is not correct" }]);
    const weak = await change({ currentPassword: user.password, newPassword: "short" });
    expect(weak.status).toBe(422);
    expect(paths(weak.body)).toEqual(["newPassword"]);
    const repetitive = await change({ currentPassword: user.password, newPassword: "aaaaaaaaaaaaaaaa" });
    expect(repetitive.status).toBe(422);
    expect(paths(repetitive.body)).toEqual(["newPassword"]);
    const same = await change({ currentPassword: user.password, newPassword: user.password });
    expect(same.status).toBe(422);
    expect(paths(same.body)).toEqual(["newPassword"]);
    // CSRF applies here as well
    const crossSite = await call<Problem>(changePasswordRoute, {
      method: "POST",
      path: "/api/v1/me/password",
      cookie: current.cookie,
      sameOrigin: false,
      headers: { origin: "https://evil.example" },
      body: { currentPassword: user.password, newPassword: "a brand new passphrase" },
    });
    expect(crossSite.status).toBe(403);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(true);

    const newPassword = `new passphrase ${uniqueSuffix()}`;
    const changed = await change({ currentPassword: user.password, newPassword });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ changed: true });

    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(row.mustChangePassword).toBe(false);
    expect(await verifyPassword(newPassword, row.passwordHash!)).toBe(true);
    const sessions = await db().session.findMany({ where: { userId: user.id } });
    expect(sessions.find((session) => session.id === current.sessionId)?.revokedAt).toBeNull();
    expect(sessions.find((session) => session.id === other.sessionId)?.revokedAt).not.toBeNull();

    expect((await call(listUsersRoute, { path: "/api/v1/users?limit=1", cookie: current.cookie })).status).toBe(200);
    expect((await call(meRoute, { path: "/api/v1/me", cookie: other.cookie })).status).toBe(401);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: user.id, action: "auth.password_changed" } });
    expect(event).toMatchObject({ actorId: user.id, details: { wasTemporary: true, endedOtherSessions: 1 } });
  });

  it("lets only signed-in users change a password (not API tokens)", async () => {
    const { admin, secret } = await adminToken();
    const result = await call<Problem>(changePasswordRoute, {
      method: "POST",
      path: "/api/v1/me/password",
      bearer: secret,
      body: { currentPassword: admin.password, newPassword: "a brand new passphrase" },
    });
    expect(result.status).toBe(403);
    const row = await db().user.findUniqueOrThrow({ where: { id: admin.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(admin.password, row.passwordHash!)).toBe(true);
  });
});
