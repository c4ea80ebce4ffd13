// The vertical slice: register an MCP server through the API, list it with
// search and pagination, and find its audit event.
import { describe, expect, it } from "vitest";
import { GET as getServerRoute } from "@/app/api/v1/servers/[id]/route";
import { GET as listServersRoute, POST as registerServerRoute } from "@/app/api/v1/servers/route";
import { GET as listAuditRoute } from "@/app/api/v1/audit/events/route";
import { db } from "@/lib/db/client";
import { seedApiToken, seedUser, uniqueSuffix } from "@/lib/seed/factories";
import { call } from "./helpers/http";

type Problem = { code: string; status: number; detail: string; errors?: { path: string; message: string }[]; requestId: string };

describe("servers API", () => {
  it("registers a server, lists and finds it, and records the audit event", async () => {
    const admin = await seedUser({ role: "admin" });
    const owner = await seedUser({ role: "owner" });
    const { secret } = await seedApiToken({ role: "admin", user: admin });
    const suffix = uniqueSuffix();
    const created = await call<{ id: string; owner: { id: string }; resourceUri: string }>(registerServerRoute, {
      method: "POST",
      path: "/api/v1/servers",
      bearer: secret,
      headers: { "x-request-id": `req-slice-${suffix}` },
      body: { name: `Billing ${suffix}`, description: "Invoices", resourceUri: `https://billing-${suffix}.example.test/mcp`, ownerId: owner.id },
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^srv_[0-9a-z]{26}$/);
    expect(created.body.owner.id).toBe(owner.id);

    const fetched = await call(getServerRoute, { path: `/api/v1/servers/${created.body.id}`, params: { id: created.body.id }, bearer: secret });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ name: `Billing ${suffix}`, kind: "server" });

    const search = await call<{ items: { id: string }[]; total: number }>(listServersRoute, { path: `/api/v1/servers?q=BILLING-${suffix}`, bearer: secret });
    expect(search.body.items.map((item) => item.id)).toEqual([created.body.id]);
    expect(search.body.total).toBe(1);

    const audit = await call<{ items: { action: string; requestId: string; actor: { id: string }; details: Record<string, unknown> }[] }>(listAuditRoute, {
      path: `/api/v1/audit/events?targetId=${created.body.id}`,
      bearer: secret,
    });
    // development identities are approved on registration (setting autoApproveDevelopment)
    expect(audit.body.items.map((event) => event.action)).toEqual(["identity.approved", "identity.registered"]);
    expect(audit.body.items[1]).toMatchObject({
      action: "identity.registered",
      requestId: `req-slice-${suffix}`,
      details: { kind: "server", ownerId: owner.id, resourceUri: `https://billing-${suffix}.example.test/mcp`, status: "active" },
    });
  });

  it("paginates with a cursor, newest first, without repeats", async () => {
    const owner = await seedUser({ role: "owner" });
    const { secret } = await seedApiToken({ role: "owner", user: owner });
    const tag = uniqueSuffix();
    for (let i = 0; i < 7; i += 1) {
      const result = await call(registerServerRoute, {
        method: "POST",
        path: "/api/v1/servers",
        bearer: secret,
        body: { name: `pager-${tag}-${i}`, resourceUri: `https://p${i}-${tag}.example.test/mcp`, ownerId: owner.id },
      });
      expect(result.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { items: { name: string }[]; nextCursor: string | null; total: number } } = await call(listServersRoute, {
        path: `/api/v1/servers?q=pager-${tag}&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        bearer: secret,
      });
      expect(page.body.total).toBe(7);
      seen.push(...page.body.items.map((item) => item.name));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `pager-${tag}-${i}`));
  });

  it("rejects bad input with precise problems and changes nothing", async () => {
    const admin = await seedUser({ role: "admin" });
    const inactive = await seedUser({ role: "owner" });
    await db().user.update({ where: { id: inactive.id }, data: { active: false } });
    const { secret } = await seedApiToken({ role: "admin", user: admin });
    const before = await db().identity.count();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: "x", resourceUri: "http://example.com/mcp", ownerId: admin.id }, 422, "resourceUri"],
      [{ name: "x", resourceUri: "https://example.com/mcp#frag", ownerId: admin.id }, 422, "resourceUri"],
      [{ name: "x", resourceUri: "mcp.example.com", ownerId: admin.id }, 422, "resourceUri"],
      [{ name: "x", resourceUri: "https://u:p@example.com/mcp", ownerId: admin.id }, 422, "resourceUri"],
      [{ name: "", resourceUri: "https://ok.example.com/mcp", ownerId: admin.id }, 422, "name"],
      [{ name: "x", resourceUri: "https://ok.example.com/mcp", ownerId: "usr_nobody" }, 422, "ownerId"],
      [{ name: "x", resourceUri: "https://ok.example.com/mcp", ownerId: inactive.id }, 422, "ownerId"],
      [{ name: "x", resourceUri: "https://ok.example.com/mcp", ownerId: admin.id, extra: 1 }, 422, "extra"],
    ];
    for (const [body, status, path] of cases) {
      const result = await call<Problem>(registerServerRoute, { method: "POST", path: "/api/v1/servers", bearer: secret, body });
      expect(result.status, JSON.stringify(body)).toBe(status);
      expect(result.headers.get("content-type")).toBe("application/problem+json");
      expect(result.body.errors?.some((issue) => issue.path === path), `${JSON.stringify(result.body.errors)} should name ${path}`).toBe(true);
    }
    const uri = `https://dup-${uniqueSuffix()}.example.test/mcp`;
    expect((await call(registerServerRoute, { method: "POST", path: "/api/v1/servers", bearer: secret, body: { name: "a", resourceUri: uri, ownerId: admin.id } })).status).toBe(201);
    const duplicate = await call<Problem>(registerServerRoute, { method: "POST", path: "/api/v1/servers", bearer: secret, body: { name: "b", resourceUri: uri, ownerId: admin.id } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ path: "resourceUri", message: "already registered" }]);
    expect(await db().identity.count()).toBe(before + 1);
  });

  it("lets an owner register only servers they own", async () => {
    const owner = await seedUser({ role: "owner" });
    const other = await seedUser({ role: "owner" });
    const { secret } = await seedApiToken({ role: "owner", user: owner });
    const forOther = await call<Problem>(registerServerRoute, {
      method: "POST",
      path: "/api/v1/servers",
      bearer: secret,
      body: { name: "not mine", resourceUri: `https://nm-${uniqueSuffix()}.example.test/mcp`, ownerId: other.id },
    });
    expect(forOther.status).toBe(403);
    const own = await call(registerServerRoute, {
      method: "POST",
      path: "/api/v1/servers",
      bearer: secret,
      body: { name: "mine", resourceUri: `https://m-${uniqueSuffix()}.example.test/mcp`, ownerId: owner.id },
    });
    expect(own.status).toBe(201);
  });
});
