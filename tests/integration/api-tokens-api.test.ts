// API tokens through the API: created by a signed-in user with the secret shown
// once, never more than the creator's role, narrowed by scopes, refused once
// expired or revoked, and only the owner (or api-tokens:manage-all) revokes.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as listTokensRoute, POST as createTokenRoute } from "@/app/api/v1/api-tokens/route";
import { POST as revokeTokenRoute } from "@/app/api/v1/api-tokens/[id]/revoke/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { GET as listUsersRoute, POST as createUserRoute } from "@/app/api/v1/users/route";
import { GET as listServersRoute } from "@/app/api/v1/servers/route";
import { PATCH as updateUserRoute } from "@/app/api/v1/users/[id]/route";
import { ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { seedApiToken, seedUser, sessionCookieFor, uniqueSuffix, type SeededUser } from "@/lib/seed/factories";
import { call } from "./helpers/http";

type Problem = { code: string; status: number; detail: string; errors?: { path: string; message: string }[] };
type Token = {
  id: string;
  name: string;
  role: string;
  scopes: string[] | null;
  prefix: string;
  userId: string | null;
  userEmail: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
type Created = { token: Token; secret: string };
type Page = { items: Token[]; nextCursor: string | null; total: number };
type Me = { kind: string; id: string; label: string; role: string | null; permissions: string[]; user: { id: string } | null };

const TOKEN_KEYS = ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "revokedAt", "role", "scopes", "userEmail", "userId"].sort();

async function signedIn(role: "admin" | "owner" | "auditor"): Promise<SeededUser & { cookie: string }> {
  const user = await seedUser({ role });
  const { cookie } = await sessionCookieFor(user.id);
  return { ...user, cookie };
}

function createToken(cookie: string, body: unknown) {
  return call<Created & Problem>(createTokenRoute, { method: "POST", path: "/api/v1/api-tokens", cookie, body });
}

function revoke(id: string, auth: { cookie?: string; bearer?: string }) {
  return call<Token & Problem>(revokeTokenRoute, { method: "POST", path: `/api/v1/api-tokens/${id}/revoke`, params: { id }, ...auth });
}

function me(secret: string) {
  return call<Me & Problem>(meRoute, { path: "/api/v1/me", bearer: secret });
}

describe("API tokens API", () => {
  it("creates a token for the signed-in user; the secret is shown once and works as a Bearer token", async () => {
    const owner = await signedIn("owner");
    const name = `ci-${uniqueSuffix()}`;
    const created = await createToken(owner.cookie, { name, role: "owner" });
    expect(created.status).toBe(201);
    const { token, secret } = created.body;
    expect(secret).toMatch(/^wdn_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name, role: "owner", scopes: null, userId: owner.id, userEmail: owner.email, expiresAt: null, lastUsedAt: null, revokedAt: null });
    expect(token.id).toMatch(/^tok_[0-9a-z]{26}$/);
    expect(token.prefix).toBe(secret.slice(0, 12));
    expect(Object.keys(token).sort()).toEqual(TOKEN_KEYS);

    const row = await db().apiToken.findUniqueOrThrow({ where: { id: token.id }, omit: { tokenHash: false } });
    expect(row.tokenHash).toBe(crypto.createHash("sha256").update(secret).digest("hex"));
    expect(row.createdById).toBe(owner.id);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: token.id, action: "api_token.created" } });
    expect(event).toMatchObject({ actorType: "user", actorId: owner.id, details: { name, role: "owner", scopes: null, userId: owner.id, expiresAt: null } });
    expect(JSON.stringify(event.details)).not.toContain(secret);

    const list = await call<Page>(listTokensRoute, { path: "/api/v1/api-tokens", cookie: owner.cookie });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items.map((item) => item.id)).toEqual([token.id]);
    expect(Object.keys(list.body.items[0]!).sort()).toEqual(TOKEN_KEYS);
    expect(list.text).not.toContain(secret);
    expect(list.text).not.toContain(row.tokenHash);
    expect(list.text).not.toMatch(/tokenHash|"secret"/);

    const whoami = await me(secret);
    expect(whoami.status).toBe(200);
    expect(whoami.body).toMatchObject({
      kind: "api_token",
      id: token.id,
      label: `${name} (${owner.email})`,
      role: "owner",
      permissions: [...ROLE_PERMISSIONS.owner].sort(),
      user: { id: owner.id },
    });
  });

  it("refuses a token role above the creator's (403) and scopes outside the token's role (422)", async () => {
    const owner = await signedIn("owner");
    const auditor = await signedIn("auditor");
    for (const [user, role] of [
      [owner, "admin"],
      [owner, "auditor"],
      [auditor, "owner"],
      [auditor, "admin"],
    ] as const) {
      const result = await createToken(user.cookie, { name: "escalate", role });
      expect(result.status, `${user.role} → ${role}`).toBe(403);
      expect(result.body.code).toBe("forbidden");
    }
    const outside = await createToken(owner.cookie, { name: "scoped", role: "owner", scopes: ["identities:read", "users:manage"] });
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([{ path: "scopes", message: "not part of the owner role: users:manage" }]);
    const unknown = await createToken(owner.cookie, { name: "scoped", role: "owner", scopes: ["identities:delete"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.map((issue) => issue.path)).toEqual(["scopes.0"]);
    const empty = await createToken(owner.cookie, { name: "scoped", role: "owner", scopes: [] });
    expect(empty.status).toBe(422);
    expect(empty.body.errors?.map((issue) => issue.path)).toEqual(["scopes"]);
    const noName = await createToken(owner.cookie, { name: " ", role: "owner" });
    expect(noName.status).toBe(422);
    expect(noName.body.errors?.map((issue) => issue.path)).toEqual(["name"]);
    expect(await db().apiToken.count({ where: { userId: { in: [owner.id, auditor.id] } } })).toBe(0);
    // an auditor may hold an auditor token
    expect((await createToken(auditor.cookie, { name: "reader", role: "auditor" })).status).toBe(201);
  });

  it("narrows an admin token to its scopes", async () => {
    const admin = await signedIn("admin");
    const created = await createToken(admin.cookie, { name: "inventory reader", role: "admin", scopes: ["identities:read"] });
    expect(created.status).toBe(201);
    expect(created.body.token.scopes).toEqual(["identities:read"]);
    const { secret } = created.body;
    expect((await me(secret)).body).toMatchObject({ role: "admin", permissions: ["identities:read"] });
    expect((await call(listServersRoute, { path: "/api/v1/servers", bearer: secret })).status).toBe(200);
    const listUsers = await call<Problem>(listUsersRoute, { path: "/api/v1/users", bearer: secret });
    expect(listUsers.status).toBe(403);
    const createUser = await call<Problem>(createUserRoute, {
      method: "POST",
      path: "/api/v1/users",
      bearer: secret,
      body: { email: `scoped-${uniqueSuffix()}@example.test`, name: "Nope", role: "owner" },
    });
    expect(createUser.status).toBe(403);
    expect(createUser.body).toMatchObject({ code: "forbidden", detail: "This requires the users:manage permission" });
    expect(await db().user.count({ where: { email: { startsWith: "scoped-" }, name: "Nope" } })).toBe(0);
  });

  it("a token never exceeds its user's current role", async () => {
    const admin = await seedUser({ role: "admin" });
    const demoter = await seedApiToken({ role: "admin", user: await seedUser({ role: "admin" }) });
    const token = await seedApiToken({ role: "admin", user: admin });
    expect((await me(token.secret)).body.permissions).toEqual([...ROLE_PERMISSIONS.admin].sort());
    const demoted = await call(updateUserRoute, { method: "PATCH", path: `/api/v1/users/${admin.id}`, params: { id: admin.id }, bearer: demoter.secret, body: { role: "owner" } });
    expect(demoted.status).toBe(200);
    expect((await me(token.secret)).body).toMatchObject({ role: "admin", permissions: [...ROLE_PERMISSIONS.owner].sort() });
    expect((await call(listUsersRoute, { path: "/api/v1/users", bearer: token.secret })).status).toBe(403);
  });

  it("API tokens cannot create API tokens", async () => {
    const admin = await seedUser({ role: "admin" });
    const token = await seedApiToken({ role: "admin", user: admin });
    const result = await call<Problem>(createTokenRoute, { method: "POST", path: "/api/v1/api-tokens", bearer: token.secret, body: { name: "child", role: "owner" } });
    expect(result.status).toBe(403);
    expect(result.body.detail).toContain("API tokens cannot create API tokens");
    expect(await db().apiToken.count({ where: { userId: admin.id } })).toBe(1);
  });

  it("refuses an expired token (401), and refuses to create one already expired (422)", async () => {
    const owner = await signedIn("owner");
    const past = await createToken(owner.cookie, { name: "past", role: "owner", expiresAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([{ path: "expiresAt", message: "must be in the future" }]);
    const badDate = await createToken(owner.cookie, { name: "bad", role: "owner", expiresAt: "tomorrow" });
    expect(badDate.status).toBe(422);
    expect(badDate.body.errors?.map((issue) => issue.path)).toEqual(["expiresAt"]);

    const expiresAt = new Date(Date.now() + 3600_000);
    const created = await createToken(owner.cookie, { name: "soon", role: "owner", expiresAt: expiresAt.toISOString() });
    expect(created.status).toBe(201);
    expect(created.body.token.expiresAt).toBe(expiresAt.toISOString());
    expect((await me(created.body.secret)).status).toBe(200);
    await db().apiToken.update({ where: { id: created.body.token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await me(created.body.secret);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect(expired.body.code).toBe("unauthenticated");
  });

  it("revokes a token: it stops working at once, and revoking twice is a conflict", async () => {
    const owner = await signedIn("owner");
    const created = await createToken(owner.cookie, { name: "to revoke", role: "owner" });
    const { token, secret } = created.body;
    expect((await me(secret)).status).toBe(200);
    const revoked = await revoke(token.id, { cookie: owner.cookie });
    expect(revoked.status).toBe(200);
    expect(revoked.body.id).toBe(token.id);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(revoked.text).not.toContain(secret);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
    const after = await me(secret);
    expect(after.status).toBe(401);
    const twice = await revoke(token.id, { cookie: owner.cookie });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe("conflict");
    expect(await db().auditEvent.count({ where: { targetId: token.id, action: "api_token.revoked" } })).toBe(1);
    // a token may revoke itself (manage-own), and is dead afterwards
    const self = await createToken(owner.cookie, { name: "self", role: "owner" });
    expect((await revoke(self.body.token.id, { bearer: self.body.secret })).status).toBe(200);
    expect((await me(self.body.secret)).status).toBe(401);
  });

  it("only the token's user or api-tokens:manage-all can revoke it; listing everyone's tokens needs manage-all", async () => {
    const owner = await signedIn("owner");
    const other = await signedIn("owner");
    const admin = await signedIn("admin");
    const mine = await createToken(owner.cookie, { name: "mine", role: "owner" });
    const theirs = await createToken(other.cookie, { name: "theirs", role: "owner" });

    const notYours = await revoke(theirs.body.token.id, { cookie: owner.cookie });
    expect(notYours.status).toBe(404);
    expect(notYours.body.code).toBe("not_found");
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: theirs.body.token.id } })).revokedAt).toBeNull();
    expect((await me(theirs.body.secret)).status).toBe(200);

    const ownList = await call<Page>(listTokensRoute, { path: "/api/v1/api-tokens", cookie: owner.cookie });
    expect(ownList.body.items.map((item) => item.id)).toEqual([mine.body.token.id]);
    const ownerAll = await call<Problem>(listTokensRoute, { path: "/api/v1/api-tokens?all=true", cookie: owner.cookie });
    expect(ownerAll.status).toBe(403);
    expect(ownerAll.body.detail).toContain("api-tokens:manage-all");

    const adminAll = await call<Page>(listTokensRoute, { path: "/api/v1/api-tokens?all=true&limit=100", cookie: admin.cookie });
    expect(adminAll.status).toBe(200);
    // newest first: the two tokens above are among the latest of everyone's
    const allIds: string[] = [];
    let page: Page = adminAll.body;
    allIds.push(...page.items.map((item) => item.id));
    while (page.nextCursor && !allIds.includes(mine.body.token.id)) {
      page = (await call<Page>(listTokensRoute, { path: `/api/v1/api-tokens?all=true&limit=100&cursor=${page.nextCursor}`, cookie: admin.cookie })).body;
      allIds.push(...page.items.map((item) => item.id));
    }
    expect(allIds).toEqual(expect.arrayContaining([mine.body.token.id, theirs.body.token.id]));
    expect(adminAll.body.total).toBeGreaterThanOrEqual(2);
    const adminOwn = await call<Page>(listTokensRoute, { path: "/api/v1/api-tokens", cookie: admin.cookie });
    expect(adminOwn.body.total).toBe(0);
    const badAll = await call<Problem>(listTokensRoute, { path: "/api/v1/api-tokens?all=yes", cookie: admin.cookie });
    expect(badAll.status).toBe(422);
    expect(badAll.body.errors?.map((issue) => issue.path)).toEqual(["query.all"]);

    const byAdmin = await revoke(theirs.body.token.id, { cookie: admin.cookie });
    expect(byAdmin.status).toBe(200);
    expect((await me(theirs.body.secret)).status).toBe(401);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: theirs.body.token.id, action: "api_token.revoked" } });
    expect(event).toMatchObject({ actorType: "user", actorId: admin.id });

    const missing = await revoke(`tok_${"0".repeat(26)}`, { cookie: admin.cookie });
    expect(missing.status).toBe(404);
  });

  it("records when a token was last used", async () => {
    const owner = await signedIn("owner");
    const created = await createToken(owner.cookie, { name: "used", role: "owner" });
    expect(created.body.token.lastUsedAt).toBeNull();
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: created.body.token.id } })).lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await me(created.body.secret)).status).toBe(200);
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: created.body.token.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.lastUsedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const list = await call<Page>(listTokensRoute, { path: "/api/v1/api-tokens", cookie: owner.cookie });
    expect(list.body.items[0]!.lastUsedAt).toBe(row.lastUsedAt!.toISOString());
  });
});
