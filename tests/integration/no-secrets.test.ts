// No response ever leaks a secret: a realistic session through the route
// handlers is recorded, then every response text is searched for password
// hashes, token hashes, the session secret, API token secrets and temporary
// passwords (each allowed only in the one response that created it).
import { describe, expect, inject, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/v1/api-tokens/route";
import { POST as revokeTokenRoute } from "@/app/api/v1/api-tokens/[id]/revoke/route";
import { GET as listAuditRoute } from "@/app/api/v1/audit/events/route";
import { POST as verifyAuditRoute } from "@/app/api/v1/audit/verify/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { POST as changePasswordRoute } from "@/app/api/v1/me/password/route";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { GET as listServersRoute, POST as registerServerRoute } from "@/app/api/v1/servers/route";
import { GET as getServerRoute } from "@/app/api/v1/servers/[id]/route";
import { GET as listUsersRoute, POST as createUserRoute } from "@/app/api/v1/users/route";
import { GET as getUserRoute, PATCH as updateUserRoute } from "@/app/api/v1/users/[id]/route";
import { POST as deactivateRoute } from "@/app/api/v1/users/[id]/deactivate/route";
import { POST as resetPasswordRoute } from "@/app/api/v1/users/[id]/reset-password/route";
import { db } from "@/lib/db/client";
import { seedUser, sessionCookieFor, uniqueSuffix } from "@/lib/seed/factories";
import { call, captured, type CallResult } from "./helpers/http";

type Issued = { value: string; kind: string; createdIn: number };

describe("no secrets in responses", () => {
  it("never returns hashes, the session secret, or a secret outside its creating response", async () => {
    const start = captured.length;
    const issued: Issued[] = [];
    const sessionCookies: string[] = [];
    const ok = <T>(result: CallResult<T>, status: number, what: string): CallResult<T> => {
      expect(result.status, `${what}: ${result.text.slice(0, 300)}`).toBe(status);
      return result;
    };
    const lastIndex = () => captured.length - 1;

    // an admin signs in
    const admin = await seedUser({ role: "admin" });
    const adminSession = await sessionCookieFor(admin.id);
    sessionCookies.push(adminSession.cookie);
    const cookie = adminSession.cookie;
    ok(await call(meRoute, { path: "/api/v1/me", cookie }), 200, "me");

    // creates people: two with temporary passwords, one for single sign-on
    const tag = `nsec${uniqueSuffix()}`;
    const people: { id: string; email: string; temporaryPassword: string | null }[] = [];
    for (const [word, role, signIn] of [
      ["ann", "owner", "temporary_password"],
      ["bob", "auditor", "temporary_password"],
      ["cid", "owner", "sso_only"],
    ] as const) {
      const created = ok(
        await call<{ user: { id: string; email: string }; temporaryPassword: string | null }>(createUserRoute, {
          method: "POST",
          path: "/api/v1/users",
          cookie,
          body: { email: `${word}-${tag}@example.test`, name: `${word} ${tag}`, role, signIn },
        }),
        201,
        "create user",
      );
      const { temporaryPassword } = created.body;
      if (temporaryPassword) issued.push({ value: temporaryPassword, kind: "temporary password", createdIn: lastIndex() });
      people.push({ id: created.body.user.id, email: created.body.user.email, temporaryPassword });
    }
    const [ann, bob, cid] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    ok(await call(createUserRoute, { method: "POST", path: "/api/v1/users", cookie, body: { email: ann.email, name: "again", role: "owner" } }), 409, "duplicate");
    ok(await call(listUsersRoute, { path: `/api/v1/users?q=${tag}`, cookie }), 200, "list users");
    ok(await call(listUsersRoute, { path: `/api/v1/users?limit=100`, cookie }), 200, "list users");
    ok(await call(getUserRoute, { path: `/api/v1/users/${ann.id}`, params: { id: ann.id }, cookie }), 200, "get user");
    ok(await call(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${cid.id}`, params: { id: cid.id }, cookie, body: { role: "auditor" } }), 200, "role");

    // Ann signs in with her temporary password and changes it
    const annSession = await sessionCookieFor(ann.id);
    sessionCookies.push(annSession.cookie);
    ok(await call(meRoute, { path: "/api/v1/me", cookie: annSession.cookie }), 200, "ann me");
    ok(await call(listServersRoute, { path: "/api/v1/servers", cookie: annSession.cookie }), 403, "ann before change");
    const annPassword = `ann's new passphrase ${uniqueSuffix()}`;
    issued.push({ value: annPassword, kind: "chosen password", createdIn: -1 });
    ok(await call(changePasswordRoute, { method: "POST", path: "/api/v1/me/password", cookie: annSession.cookie, body: { currentPassword: "wrong guess here", newPassword: annPassword } }), 422, "wrong current");
    ok(await call(changePasswordRoute, { method: "POST", path: "/api/v1/me/password", cookie: annSession.cookie, body: { currentPassword: ann.temporaryPassword, newPassword: annPassword } }), 200, "change");

    // the admin resets Bob's password: a second temporary password
    const reset = ok(
      await call<{ temporaryPassword: string }>(resetPasswordRoute, { method: "POST", path: `/api/v1/users/${bob.id}/reset-password`, params: { id: bob.id }, cookie }),
      200,
      "reset",
    );
    issued.push({ value: reset.body.temporaryPassword, kind: "temporary password", createdIn: lastIndex() });

    // tokens: created by sessions, listed, used, revoked
    const tokens: { id: string; secret: string }[] = [];
    for (const [owner, role] of [
      [cookie, "admin"],
      [cookie, "owner"],
      [annSession.cookie, "owner"],
    ] as const) {
      const created = ok(
        await call<{ token: { id: string }; secret: string }>(createTokenRoute, { method: "POST", path: "/api/v1/api-tokens", cookie: owner, body: { name: `tok ${tag}`, role } }),
        201,
        "create token",
      );
      issued.push({ value: created.body.secret, kind: "API token secret", createdIn: lastIndex() });
      tokens.push({ id: created.body.token.id, secret: created.body.secret });
    }
    const [adminToken, spareToken, annToken] = tokens as [(typeof tokens)[0], (typeof tokens)[0], (typeof tokens)[0]];
    ok(await call(createTokenRoute, { method: "POST", path: "/api/v1/api-tokens", bearer: adminToken.secret, body: { name: "child", role: "owner" } }), 403, "token mints token");
    ok(await call(listTokensRoute, { path: "/api/v1/api-tokens", cookie }), 200, "list tokens");
    ok(await call(listTokensRoute, { path: "/api/v1/api-tokens?all=true&limit=100", cookie }), 200, "list all tokens");
    ok(await call(listTokensRoute, { path: "/api/v1/api-tokens", bearer: annToken.secret }), 200, "ann lists tokens");
    ok(await call(meRoute, { path: "/api/v1/me", bearer: adminToken.secret }), 200, "token me");
    ok(await call(meRoute, { path: "/api/v1/me", bearer: annToken.secret }), 200, "ann token me");
    ok(await call(revokeTokenRoute, { method: "POST", path: `/api/v1/api-tokens/${spareToken.id}/revoke`, params: { id: spareToken.id }, cookie }), 200, "revoke");
    ok(await call(revokeTokenRoute, { method: "POST", path: `/api/v1/api-tokens/${spareToken.id}/revoke`, params: { id: spareToken.id }, cookie }), 409, "revoke twice");
    ok(await call(meRoute, { path: "/api/v1/me", bearer: spareToken.secret }), 401, "revoked token");
    // a guessed token is not echoed back either
    const guess = `wdn_${"G".repeat(43)}`;
    issued.push({ value: guess, kind: "presented secret", createdIn: -1 });
    ok(await call(meRoute, { path: "/api/v1/me", bearer: guess }), 401, "guess");

    // servers, with the admin token and Ann's token
    const servers: string[] = [];
    for (const [secret, ownerId] of [
      [adminToken.secret, ann.id],
      [annToken.secret, ann.id],
    ] as const) {
      const suffix = uniqueSuffix();
      const created = ok(
        await call<{ id: string }>(registerServerRoute, { method: "POST", path: "/api/v1/servers", bearer: secret, body: { name: `srv ${tag}`, resourceUri: `https://${suffix}.example.test/mcp`, ownerId } }),
        201,
        "register",
      );
      servers.push(created.body.id);
    }
    ok(await call(listServersRoute, { path: `/api/v1/servers?q=${tag}`, bearer: annToken.secret }), 200, "list servers");
    ok(await call(getServerRoute, { path: `/api/v1/servers/${servers[0]}`, params: { id: servers[0]! }, cookie }), 200, "get server");

    // deactivating Ann ends her sessions and tokens
    ok(await call(deactivateRoute, { method: "POST", path: `/api/v1/users/${ann.id}/deactivate`, params: { id: ann.id }, cookie, body: { reason: "test" } }), 200, "deactivate");
    ok(await call(meRoute, { path: "/api/v1/me", bearer: annToken.secret }), 401, "ann token after deactivation");
    ok(await call(meRoute, { path: "/api/v1/me", cookie: annSession.cookie }), 401, "ann session after deactivation");

    // the audit log, read back and verified, and the API description
    ok(await call(listAuditRoute, { path: "/api/v1/audit/events?limit=200", cookie }), 200, "audit");
    for (const target of [ann.id, bob.id, adminToken.id, annToken.id]) {
      ok(await call(listAuditRoute, { path: `/api/v1/audit/events?targetId=${target}`, cookie }), 200, "audit by target");
    }
    ok(await call(verifyAuditRoute, { method: "POST", path: "/api/v1/audit/verify", cookie }), 200, "verify");
    ok(await call(openApiRoute, { path: "/api/v1/openapi.json" }), 200, "openapi");
    ok(await call(healthRoute, { path: "/api/health" }), 200, "health");

    const responses = captured.slice(start);
    expect(responses.length).toBeGreaterThan(40);

    // 1. no password hash of anyone
    const passwordHashes = (await db().user.findMany({ where: { passwordHash: { not: null } }, omit: { passwordHash: false } })).map((row) => row.passwordHash!);
    expect(passwordHashes.length).toBeGreaterThanOrEqual(3);
    // 2. no stored token hash
    const tokenHashes = (await db().apiToken.findMany({ omit: { tokenHash: false } })).map((row) => row.tokenHash);
    expect(tokenHashes.length).toBeGreaterThanOrEqual(3);
    const secret = process.env.WARDEN_SECRET!;
    expect(secret.length).toBeGreaterThanOrEqual(32);

    for (const [index, response] of responses.entries()) {
      const where = `response ${index} (${response.path} → ${response.status})`;
      expect(response.text, where).not.toContain("scrypt$");
      for (const hash of passwordHashes) expect(response.text.includes(hash), `${where} contains a password hash`).toBe(false);
      for (const hash of tokenHashes) expect(response.text.includes(hash), `${where} contains a token hash`).toBe(false);
      expect(response.text.includes(secret), `${where} contains WARDEN_SECRET`).toBe(false);
      for (const value of sessionCookies) expect(response.text.includes(value.split("=")[1]!), `${where} contains a session cookie`).toBe(false);
      expect(response.text, where).not.toMatch(/passwordHash|tokenHash/);
    }
    // 3. each secret appears in exactly the response that issued it, and nowhere else
    for (const item of issued) {
      const containing = responses.flatMap((response, index) => (response.text.includes(item.value) ? [start + index] : []));
      expect(containing, `${item.kind} appears in ${containing.map((index) => captured[index]!.path).join(", ")}`).toEqual(item.createdIn === -1 ? [] : [item.createdIn]);
    }
    // the prefix shown in listings is fine, but never more of the secret than the prefix
    for (const token of tokens) {
      const beyondPrefix = token.secret.slice(0, 20);
      const containing = responses.filter((response) => response.text.includes(beyondPrefix));
      expect(containing).toHaveLength(1);
    }
  });

  it("GET /api/health reports the database without its connection string or file path", async () => {
    const result = await call<{ status: string; database: Record<string, unknown> }>(healthRoute, { path: "/api/health" });
    expect(result.status).toBe(200);
    const target = inject("databaseTarget");
    const text = result.text;
    expect(text).not.toMatch(/postgres(ql)?:\/\//i);
    expect(text).not.toMatch(/\bfile:/i);
    expect(text).not.toContain(inject("dataDir"));
    if (target.provider === "postgresql") {
      const url = new URL(target.url);
      expect(text).not.toContain(target.url);
      expect(text).not.toContain(url.pathname.slice(1)); // the database name
      expect(text).not.toContain(`${url.hostname}:${url.port}`);
    } else {
      expect(text).not.toContain(target.file);
      expect(text).not.toContain("warden.db");
    }
    expect(Object.keys(result.body.database).sort()).toEqual(["latencyMs", "provider", "status"]);
  });
});
