// User management through the API: creation with a one-time temporary password
// or for single sign-on only, listing with filters and pagination, role changes,
// the last-admin guard, deactivation ending sessions and tokens, reactivation
// and password resets.
import { describe, expect, it } from "vitest";
import { GET as listUsersRoute, POST as createUserRoute } from "@/app/api/v1/users/route";
import { GET as getUserRoute, PATCH as updateUserRoute } from "@/app/api/v1/users/[id]/route";
import { POST as deactivateRoute } from "@/app/api/v1/users/[id]/deactivate/route";
import { POST as reactivateRoute } from "@/app/api/v1/users/[id]/reactivate/route";
import { POST as resetPasswordRoute } from "@/app/api/v1/users/[id]/reset-password/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { verifyPassword } from "@/lib/auth/password";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { seedApiToken, seedUser, sessionCookieFor, uniqueSuffix } from "@/lib/seed/factories";
import { assertAnotherActiveAdmin } from "@/lib/users/last-admin";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { call } from "./helpers/http";

type Problem = { code: string; status: number; detail: string; errors?: { path: string; message: string }[] };
type User = {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  hasPassword: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  deactivatedAt: string | null;
};
type Page = { items: User[]; nextCursor: string | null; total: number };

const NO_SUCH_USER = `usr_${"0".repeat(26)}`;

async function adminBearer() {
  const admin = await seedUser({ role: "admin" });
  const token = await seedApiToken({ role: "admin", user: admin });
  return { admin, token, secret: token.secret };
}

function createUser(secret: string, body: unknown) {
  return call<{ user: User; temporaryPassword: string | null } & Problem>(createUserRoute, { method: "POST", path: "/api/v1/users", bearer: secret, body });
}

const paths = (problem: Problem) => (problem.errors ?? []).map((issue) => issue.path);

describe("users API: creation", () => {
  it("creates a user with a temporary password returned once, and audits it", async () => {
    const { secret, token } = await adminBearer();
    const suffix = uniqueSuffix();
    const created = await createUser(secret, { email: `  New.User-${suffix}@Example.TEST `, name: ` New ${suffix} `, role: "auditor" });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/json");
    const { user, temporaryPassword } = created.body;
    expect(user).toMatchObject({
      email: `new.user-${suffix}@example.test`,
      name: `New ${suffix}`,
      role: "auditor",
      active: true,
      hasPassword: true,
      mustChangePassword: true,
      lockedUntil: null,
      lastLoginAt: null,
      deactivatedAt: null,
    });
    expect(user.id).toMatch(/^usr_[0-9a-z]{26}$/);
    expect(Object.keys(user).sort()).toEqual(
      ["active", "createdAt", "deactivatedAt", "email", "hasPassword", "id", "lastLoginAt", "lockedUntil", "mustChangePassword", "name", "role"].sort(),
    );
    expect(typeof temporaryPassword).toBe("string");
    expect(temporaryPassword!.length).toBeGreaterThanOrEqual(20);

    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(row.mustChangePassword).toBe(true);
    expect(await verifyPassword(temporaryPassword!, row.passwordHash!)).toBe(true);
    expect(row.passwordHash).not.toContain(temporaryPassword!);

    const events = await db().auditEvent.findMany({ where: { targetId: user.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "user.created",
      actorType: "api_token",
      actorId: token.id,
      outcome: "success",
      details: { email: `new.user-${suffix}@example.test`, role: "auditor", signIn: "temporary_password" },
    });
    expect(JSON.stringify(events[0]!.details)).not.toContain(temporaryPassword!);

    // the password is never shown again
    const fetched = await call<User>(getUserRoute, { path: `/api/v1/users/${user.id}`, params: { id: user.id }, bearer: secret });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(user);
    expect(fetched.text).not.toContain(temporaryPassword!);

    // and it signs the user in, who must then change it
    const signIn = await signInWithPassword({ email: user.email, password: temporaryPassword!, context: null });
    expect(signIn).toMatchObject({ ok: true, user: { id: user.id, mustChangePassword: true } });
  });

  it("creates a single-sign-on-only user without any password", async () => {
    const { secret } = await adminBearer();
    const email = `sso-${uniqueSuffix()}@example.test`;
    const created = await createUser(secret, { email, name: "Sso Only", role: "owner", signIn: "sso_only" });
    expect(created.status).toBe(201);
    expect(created.body.temporaryPassword).toBeNull();
    expect(created.body.user).toMatchObject({ email, role: "owner", hasPassword: false, mustChangePassword: false });
    const row = await db().user.findUniqueOrThrow({ where: { id: created.body.user.id }, omit: { passwordHash: false } });
    expect(row.passwordHash).toBeNull();
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: created.body.user.id, action: "user.created" } });
    expect(event.details).toMatchObject({ signIn: "sso_only" });
  });

  it("refuses a duplicate email regardless of case (409) and creates nothing", async () => {
    const { secret } = await adminBearer();
    const suffix = uniqueSuffix();
    expect((await createUser(secret, { email: `dup-${suffix}@example.test`, name: "First", role: "owner" })).status).toBe(201);
    const duplicate = await createUser(secret, { email: `DUP-${suffix}@EXAMPLE.test`, name: "Second", role: "admin" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get("content-type")).toBe("application/problem+json");
    expect(duplicate.body.code).toBe("conflict");
    expect(duplicate.body.errors).toEqual([{ path: "email", message: "already in use" }]);
    const rows = await db().user.findMany({ where: { email: `dup-${suffix}@example.test` } });
    expect(rows.map((row) => [row.name, row.role])).toEqual([["First", "owner"]]);
  });

  it("rejects invalid input with 422 naming the field, creating nothing", async () => {
    const { secret } = await adminBearer();
    const suffix = uniqueSuffix();
    const cases: [Record<string, unknown>, string][] = [
      [{ email: `not-an-email-${suffix}`, name: "X", role: "owner" }, "email"],
      [{ email: `bad-role-${suffix}@example.test`, name: "X", role: "superuser" }, "role"],
      [{ email: `no-role-${suffix}@example.test`, name: "X" }, "role"],
      [{ email: `no-name-${suffix}@example.test`, name: "   ", role: "owner" }, "name"],
      [{ email: `bad-signin-${suffix}@example.test`, name: "X", role: "owner", signIn: "magic_link" }, "signIn"],
      [{ email: `extra-${suffix}@example.test`, name: "X", role: "owner", password: "chosen-by-admin" }, "password"],
    ];
    for (const [body, field] of cases) {
      const result = await createUser(secret, body);
      expect(result.status, JSON.stringify(body)).toBe(422);
      expect(result.body.code).toBe("validation_failed");
      expect(paths(result.body), JSON.stringify(result.body.errors)).toContain(field);
    }
    expect(await db().user.count({ where: { email: { contains: suffix } } })).toBe(0);
  });
});

describe("users API: listing and reading", () => {
  it("filters by search, role and status, and paginates with a cursor", async () => {
    const { secret } = await adminBearer();
    const tag = `lst${uniqueSuffix()}`;
    const specs: [string, "owner" | "auditor" | "admin"][] = [
      ["alpha", "owner"],
      ["bravo", "auditor"],
      ["charlie", "owner"],
      ["delta", "auditor"],
      ["echo", "owner"],
    ];
    const ids: string[] = [];
    for (const [word, role] of specs) {
      const created = await createUser(secret, { email: `${word}-${tag}@example.test`, name: `${word} ${tag}`, role });
      expect(created.status).toBe(201);
      ids.push(created.body.user.id);
    }
    const deactivated = await call(deactivateRoute, { method: "POST", path: `/api/v1/users/${ids[4]}/deactivate`, params: { id: ids[4]! }, bearer: secret, body: {} });
    expect(deactivated.status).toBe(200);

    const list = async (query: string) => {
      const result = await call<Page>(listUsersRoute, { path: `/api/v1/users?${query}`, bearer: secret });
      expect(result.status, query).toBe(200);
      return result.body;
    };
    const newestFirst = [...ids].reverse();

    const all = await list(`q=${tag.toUpperCase()}`);
    expect(all.total).toBe(5);
    expect(all.items.map((user) => user.id)).toEqual(newestFirst);
    expect(all.nextCursor).toBeNull();

    expect((await list(`q=charlie-${tag}`)).items.map((user) => user.id)).toEqual([ids[2]]);
    expect((await list(`q=${tag}&role=auditor`)).items.map((user) => user.id)).toEqual([ids[3], ids[1]]);
    expect((await list(`q=${tag}&role=admin`)).total).toBe(0);
    const inactive = await list(`q=${tag}&status=deactivated`);
    expect(inactive.items.map((user) => [user.id, user.active])).toEqual([[ids[4], false]]);
    expect(inactive.items[0]!.deactivatedAt).not.toBeNull();
    const activeOwners = await list(`q=${tag}&status=active&role=owner`);
    expect(activeOwners.items.map((user) => user.id)).toEqual([ids[2], ids[0]]);
    expect(activeOwners.total).toBe(2);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(`q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.total).toBe(5);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((user) => user.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst);

    const badFilter = await call<Problem>(listUsersRoute, { path: `/api/v1/users?status=gone`, bearer: secret });
    expect(badFilter.status).toBe(422);
    expect(paths(badFilter.body)).toEqual(["query.status"]);
  });

  it("gets one user (auditors may read) and answers 404 for an unknown id", async () => {
    const { secret } = await adminBearer();
    const target = await seedUser({ role: "owner" });
    const auditor = await seedUser({ role: "auditor" });
    const { cookie } = await sessionCookieFor(auditor.id);
    const viaAuditor = await call<User>(getUserRoute, { path: `/api/v1/users/${target.id}`, params: { id: target.id }, cookie });
    expect(viaAuditor.status).toBe(200);
    expect(viaAuditor.body).toMatchObject({ id: target.id, email: target.email, name: target.name, role: "owner", hasPassword: true, mustChangePassword: false });
    const missing = await call<Problem>(getUserRoute, { path: `/api/v1/users/${NO_SUCH_USER}`, params: { id: NO_SUCH_USER }, bearer: secret });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: "not_found", detail: "User was not found" });
  });
});

describe("users API: role changes and the last admin", () => {
  it("changes a role, audits from/to, and the change applies to the user's next request", async () => {
    const { secret, token } = await adminBearer();
    const target = await seedUser({ role: "owner" });
    const { cookie } = await sessionCookieFor(target.id);
    const before = await call<{ role: string; permissions: string[] }>(meRoute, { path: "/api/v1/me", cookie });
    expect(before.body.permissions).toEqual([...ROLE_PERMISSIONS.owner].sort());

    const changed = await call<User>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${target.id}`, params: { id: target.id }, bearer: secret, body: { role: "auditor" } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: target.id, role: "auditor", name: target.name });
    expect((await db().user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("auditor");

    const events = await db().auditEvent.findMany({ where: { targetId: target.id, action: { in: ["user.role_changed", "user.updated"] } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "user.role_changed", actorId: token.id, details: { from: "owner", to: "auditor" } });

    const after = await call<{ role: string; permissions: string[] }>(meRoute, { path: "/api/v1/me", cookie });
    expect(after.body).toMatchObject({ role: "auditor", permissions: [...ROLE_PERMISSIONS.auditor].sort() });

    // a rename is audited separately; the same role again records no role change
    const renamed = await call<User>(updateUserRoute, {
      method: "PATCH",
      path: `/api/v1/users/${target.id}`,
      params: { id: target.id },
      bearer: secret,
      body: { name: "Renamed Person", role: "auditor" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Renamed Person");
    const all = await db().auditEvent.findMany({ where: { targetId: target.id, action: { in: ["user.role_changed", "user.updated"] } }, orderBy: { seq: "asc" } });
    expect(all.map((event) => [event.action, event.details])).toEqual([
      ["user.role_changed", { from: "owner", to: "auditor" }],
      ["user.updated", { name: { from: target.name, to: "Renamed Person" } }],
    ]);
    // search follows the new name
    const found = await call<Page>(listUsersRoute, { path: `/api/v1/users?q=renamed person&role=auditor`, bearer: secret });
    expect(found.body.items.map((user) => user.id)).toContain(target.id);

    const empty = await call<Problem>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${target.id}`, params: { id: target.id }, bearer: secret, body: {} });
    expect(empty.status).toBe(422);
    const badRole = await call<Problem>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${target.id}`, params: { id: target.id }, bearer: secret, body: { role: "root" } });
    expect(badRole.status).toBe(422);
    expect(paths(badRole.body)).toEqual(["role"]);
    const missing = await call<Problem>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${NO_SUCH_USER}`, params: { id: NO_SUCH_USER }, bearer: secret, body: { role: "owner" } });
    expect(missing.status).toBe(404);
  });

  it("refuses to let an admin deactivate themselves, and demotes an admin while other admins exist", async () => {
    const admin = await seedUser({ role: "admin" });
    const other = await seedUser({ role: "admin" });
    const { cookie } = await sessionCookieFor(admin.id);
    const self = await call<Problem>(deactivateRoute, { method: "POST", path: `/api/v1/users/${admin.id}/deactivate`, params: { id: admin.id }, cookie, body: {} });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ code: "conflict", detail: "You cannot deactivate yourself" });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
    expect(await db().auditEvent.count({ where: { targetId: admin.id, action: "user.deactivated" } })).toBe(0);

    const demoted = await call<User>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${other.id}`, params: { id: other.id }, cookie, body: { role: "owner" } });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe("owner");
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: other.id, action: "user.role_changed" } });
    expect(event).toMatchObject({ actorType: "user", actorId: admin.id, details: { from: "admin", to: "owner" } });
  });

  it("never demotes or deactivates the last active admin (own empty database)", async () => {
    await withFreshDatabase(async (client, target) => {
      // the guard itself: deactivated admins and the user in question do not count
      const only = await client.user.create({ data: { id: "usr_00000000000000000000000001", email: "only@example.test", name: "Only", role: "admin", searchText: "only" } });
      await expect(transact((tx) => assertAnotherActiveAdmin(tx, only.id), client)).rejects.toMatchObject({ code: "conflict" });
      await client.user.create({ data: { id: "usr_00000000000000000000000002", email: "gone@example.test", name: "Gone", role: "admin", active: false, searchText: "gone" } });
      await expect(transact((tx) => assertAnotherActiveAdmin(tx, only.id), client)).rejects.toMatchObject({ code: "conflict" });
      await client.user.create({ data: { id: "usr_00000000000000000000000003", email: "owner@example.test", name: "Own", role: "owner", searchText: "own" } });
      await expect(transact((tx) => assertAnotherActiveAdmin(tx, only.id), client)).rejects.toMatchObject({ code: "conflict" });
      await client.user.delete({ where: { id: only.id } });
      await client.user.deleteMany({ where: { id: { in: ["usr_00000000000000000000000002", "usr_00000000000000000000000003"] } } });

      // and through the API, with the routes pointed at this database
      await withGlobalDatabase(target, async () => {
        const admin = await seedUser({ role: "admin" });
        const owner = await seedUser({ role: "owner" });
        // a service token (acting for no user) with the admin role can manage users
        const service = await seedApiToken({ role: "admin", user: null });
        const { cookie } = await sessionCookieFor(admin.id);

        const demoteSelf = await call<Problem>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${admin.id}`, params: { id: admin.id }, cookie, body: { role: "owner" } });
        expect(demoteSelf.status).toBe(409);
        expect(demoteSelf.body.detail).toContain("last active admin");
        const demote = await call<Problem>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${admin.id}`, params: { id: admin.id }, bearer: service.secret, body: { role: "auditor" } });
        expect(demote.status).toBe(409);
        const deactivate = await call<Problem>(deactivateRoute, { method: "POST", path: `/api/v1/users/${admin.id}/deactivate`, params: { id: admin.id }, bearer: service.secret, body: {} });
        expect(deactivate.status).toBe(409);
        expect(deactivate.body.detail).toContain("last active admin");
        const row = await client.user.findUniqueOrThrow({ where: { id: admin.id } });
        expect([row.role, row.active]).toEqual(["admin", true]);
        // renaming the last admin (no role change) is fine
        const rename = await call<User>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${admin.id}`, params: { id: admin.id }, cookie, body: { name: "Still Admin", role: "admin" } });
        expect(rename.status).toBe(200);

        // once someone else is an admin, the first one can step down
        const promote = await call<User>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${owner.id}`, params: { id: owner.id }, cookie, body: { role: "admin" } });
        expect(promote.status).toBe(200);
        const stepDown = await call<User>(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${admin.id}`, params: { id: admin.id }, cookie, body: { role: "owner" } });
        expect(stepDown.status).toBe(200);
        expect(await client.user.count({ where: { role: "admin", active: true } })).toBe(1);
        // and now the promoted one is the last admin
        const deactivateLast = await call<Problem>(deactivateRoute, { method: "POST", path: `/api/v1/users/${owner.id}/deactivate`, params: { id: owner.id }, bearer: service.secret, body: {} });
        expect(deactivateLast.status).toBe(409);
        expect(await client.auditEvent.count({ where: { action: "user.deactivated" } })).toBe(0);
        expect(await client.auditEvent.count({ where: { action: "user.role_changed" } })).toBe(2);
      });
    });
  });
});

describe("users API: deactivation, reactivation, password reset", () => {
  it("deactivation ends the user's sessions and stops their API tokens at once", async () => {
    const admin = await seedUser({ role: "admin" });
    const { cookie: adminCookie } = await sessionCookieFor(admin.id);
    const target = await seedUser({ role: "admin" });
    const first = await sessionCookieFor(target.id);
    const second = await sessionCookieFor(target.id);
    const token = await seedApiToken({ role: "owner", user: target });
    expect((await call(meRoute, { path: "/api/v1/me", bearer: token.secret })).status).toBe(200);
    expect((await call(meRoute, { path: "/api/v1/me", cookie: first.cookie })).status).toBe(200);

    const result = await call<User>(deactivateRoute, {
      method: "POST",
      path: `/api/v1/users/${target.id}/deactivate`,
      params: { id: target.id },
      cookie: adminCookie,
      headers: { "x-request-id": `deact-${target.id}` },
      body: { reason: "  left the company  " },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: target.id, active: false });
    expect(result.body.deactivatedAt).not.toBeNull();

    const sessions = await db().session.findMany({ where: { userId: target.id } });
    expect(sessions).toHaveLength(2);
    for (const session of sessions) expect(session.revokedAt).not.toBeNull();

    const viaCookie = await call<Problem>(meRoute, { path: "/api/v1/me", cookie: first.cookie });
    expect(viaCookie.status).toBe(401);
    expect((await call(meRoute, { path: "/api/v1/me", cookie: second.cookie })).status).toBe(401);
    const viaToken = await call<Problem>(meRoute, { path: "/api/v1/me", bearer: token.secret });
    expect(viaToken.status).toBe(401);
    expect(viaToken.body.code).toBe("unauthenticated");

    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: target.id, action: "user.deactivated" } });
    expect(event).toMatchObject({
      actorType: "user",
      actorId: admin.id,
      requestId: `deact-${target.id}`,
      details: { email: target.email, reason: "left the company", endedSessions: 2, revokedApiTokens: 1, orphanedIdentities: 0 },
    });
    const revoked = await db().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(revoked.revokedAt).not.toBeNull();

    const again = await call<Problem>(deactivateRoute, { method: "POST", path: `/api/v1/users/${target.id}/deactivate`, params: { id: target.id }, cookie: adminCookie, body: {} });
    expect(again.status).toBe(409);
    expect(await db().auditEvent.count({ where: { targetId: target.id, action: "user.deactivated" } })).toBe(1);
    const unknown = await call<Problem>(deactivateRoute, { method: "POST", path: `/api/v1/users/${NO_SUCH_USER}/deactivate`, params: { id: NO_SUCH_USER }, cookie: adminCookie, body: {} });
    expect(unknown.status).toBe(404);
  });

  it("reactivates a user, whose old sessions and API tokens stay ended", async () => {
    const { secret } = await adminBearer();
    const target = await seedUser({ role: "owner" });
    const old = await sessionCookieFor(target.id);
    const oldToken = await seedApiToken({ role: "owner", user: target });
    expect((await call(deactivateRoute, { method: "POST", path: `/api/v1/users/${target.id}/deactivate`, params: { id: target.id }, bearer: secret, body: { reason: "   " } })).status).toBe(200);
    const deactivation = await db().auditEvent.findFirstOrThrow({ where: { targetId: target.id, action: "user.deactivated" } });
    expect((deactivation.details as { reason: unknown }).reason).toBeNull();
    const alreadyActive = await seedUser({ role: "owner" });
    const conflict = await call<Problem>(reactivateRoute, { method: "POST", path: `/api/v1/users/${alreadyActive.id}/reactivate`, params: { id: alreadyActive.id }, bearer: secret });
    expect(conflict.status).toBe(409);

    const result = await call<User>(reactivateRoute, { method: "POST", path: `/api/v1/users/${target.id}/reactivate`, params: { id: target.id }, bearer: secret });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: target.id, active: true, deactivatedAt: null });
    expect(await db().auditEvent.count({ where: { targetId: target.id, action: "user.reactivated" } })).toBe(1);
    expect((await call(meRoute, { path: "/api/v1/me", cookie: old.cookie })).status).toBe(401);
    expect((await call(meRoute, { path: "/api/v1/me", bearer: oldToken.secret })).status).toBe(401);
    const fresh = await sessionCookieFor(target.id);
    expect((await call(meRoute, { path: "/api/v1/me", cookie: fresh.cookie })).status).toBe(200);
    const missing = await call<Problem>(reactivateRoute, { method: "POST", path: `/api/v1/users/${NO_SUCH_USER}/reactivate`, params: { id: NO_SUCH_USER }, bearer: secret });
    expect(missing.status).toBe(404);
  });

  it("resets a password: new temporary password, unlocked account, sessions ended", async () => {
    const { secret, token } = await adminBearer();
    const target = await seedUser({ role: "owner" });
    await db().user.update({ where: { id: target.id }, data: { lockedUntil: new Date(Date.now() + 3600_000), failedLoginCount: 5 } });
    const session = await sessionCookieFor(target.id);
    await sessionCookieFor(target.id);
    // while locked, the right password does not help
    expect(await signInWithPassword({ email: target.email, password: target.password, context: null })).toEqual({ ok: false, reason: "locked" });
    const listed = await call<User>(getUserRoute, { path: `/api/v1/users/${target.id}`, params: { id: target.id }, bearer: secret });
    expect(listed.body.lockedUntil).not.toBeNull();

    const reset = await call<{ user: User; temporaryPassword: string }>(resetPasswordRoute, {
      method: "POST",
      path: `/api/v1/users/${target.id}/reset-password`,
      params: { id: target.id },
      bearer: secret,
    });
    expect(reset.status).toBe(200);
    expect(reset.body.user).toMatchObject({ id: target.id, mustChangePassword: true, lockedUntil: null, hasPassword: true, active: true });
    expect(typeof reset.body.temporaryPassword).toBe("string");
    expect(reset.body.temporaryPassword).not.toBe(target.password);

    const row = await db().user.findUniqueOrThrow({ where: { id: target.id }, omit: { passwordHash: false } });
    expect(row).toMatchObject({ failedLoginCount: 0, lockedUntil: null, mustChangePassword: true });
    expect(await verifyPassword(reset.body.temporaryPassword, row.passwordHash!)).toBe(true);
    expect(await verifyPassword(target.password, row.passwordHash!)).toBe(false);

    const sessions = await db().session.findMany({ where: { userId: target.id } });
    expect(sessions.every((item) => item.revokedAt !== null)).toBe(true);
    expect((await call(meRoute, { path: "/api/v1/me", cookie: session.cookie })).status).toBe(401);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: target.id, action: "user.password_reset" } });
    expect(event).toMatchObject({ actorId: token.id, details: { endedSessions: 2 } });
    expect(JSON.stringify(event.details)).not.toContain(reset.body.temporaryPassword);

    expect(await signInWithPassword({ email: target.email, password: target.password, context: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword({ email: target.email, password: reset.body.temporaryPassword, context: null })).toMatchObject({ ok: true, user: { mustChangePassword: true } });

    // a deactivated user must be reactivated first; unknown users are 404
    const gone = await seedUser({ role: "owner" });
    await db().user.update({ where: { id: gone.id }, data: { active: false } });
    const refused = await call<Problem>(resetPasswordRoute, { method: "POST", path: `/api/v1/users/${gone.id}/reset-password`, params: { id: gone.id }, bearer: secret });
    expect(refused.status).toBe(409);
    const missing = await call<Problem>(resetPasswordRoute, { method: "POST", path: `/api/v1/users/${NO_SUCH_USER}/reset-password`, params: { id: NO_SUCH_USER }, bearer: secret });
    expect(missing.status).toBe(404);
  });
});
