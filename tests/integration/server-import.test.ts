// Importing MCP servers from MCP Registry documents: preview writes nothing,
// import is all or nothing, owners follow the registration rules, and
// oversized or over-long uploads are refused precisely.
import { describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/servers/import/route";
import { POST as previewRoute } from "@/app/api/v1/servers/import/preview/route";
import { db } from "@/lib/db/client";
import type { TImportPlan } from "@/lib/identities/import/schemas";
import { seedApiToken, seedIdentity, seedUser, sessionCookieFor, uniqueSuffix } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { withGlobalDatabase } from "./helpers/global-database";
import { call } from "./helpers/http";

type Problem = { code: string; status: number; detail: string; errors?: { path: string; message: string }[] };

/** A valid server.json document, unique per upload (`ns`) and number. */
function serverJson(ns: string, n: number, extra: Record<string, unknown> = {}) {
  return {
    $schema: "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
    name: `io.github.t${ns}/srv-${n}`,
    description: `Server ${n}`,
    version: "1.0.0",
    repository: { url: `https://github.com/t${ns}/srv-${n}`, source: "github" },
    remotes: [{ type: "streamable-http", url: `https://srv-${n}-${ns}.example.test/mcp` }],
    ...extra,
  };
}

async function adminToken() {
  const admin = await seedUser({ role: "admin" });
  const token = await seedApiToken({ role: "admin", user: admin });
  return { admin, token, secret: token.secret };
}

const post = <T = TImportPlan>(route: typeof importRoute, auth: { bearer?: string; cookie?: string }, body: unknown) =>
  call<T>(route, { method: "POST", path: route === previewRoute ? "/api/v1/servers/import/preview" : "/api/v1/servers/import", body, ...auth });

const identitiesNamed = (names: string[]) => db().identity.count({ where: { registryName: { in: names } } });
const auditBy = (actorId: string) => db().auditEvent.count({ where: { actorId } });

describe("server import: preview", () => {
  it("plans create, update, unchanged and invalid documents, and writes nothing", async () => {
    const { admin, token, secret } = await adminToken();
    const ns = uniqueSuffix();
    const first = await post(importRoute, { bearer: secret }, { documents: [serverJson(ns, 1), serverJson(ns, 2)], ownerId: admin.id });
    expect(first.status).toBe(201);
    const revoked = await seedIdentity({ kind: "server", owner: admin, status: "revoked", extra: { registryName: `io.github.t${ns}/gone`, resourceUri: `https://gone-${ns}.example.test/mcp` } });
    const other = await seedIdentity({ kind: "resource", owner: admin, extra: { audienceUri: `https://taken-${ns}.example.test/mcp` } });

    const documents = [
      serverJson(ns, 1, { description: "Now with alerts", title: "Server One" }),
      serverJson(ns, 2),
      serverJson(ns, 3),
      serverJson(ns, 4, { remotes: [{ type: "streamable-http", url: "https://{tenant}.example.test/mcp" }] }),
      serverJson(ns, 3, { remotes: [{ type: "sse", url: `https://dup-${ns}.example.test/sse` }] }),
      serverJson(ns, 5, { remotes: [{ type: "sse", url: `https://taken-${ns}.example.test/mcp` }] }),
      { ...serverJson(ns, 6), name: `io.github.t${ns}/gone` },
      serverJson(ns, 7, { remotes: undefined, packages: [{ registryType: "npm", identifier: "@acme/x", transport: { type: "stdio" } }] }),
    ];
    const names = documents.map((document) => document.name);
    const identitiesBefore = await identitiesNamed(names);
    const auditBefore = await auditBy(token.id);

    const preview = await post(previewRoute, { bearer: secret }, { documents, ownerId: admin.id, environment: "staging" });
    expect(preview.status).toBe(200);
    expect(preview.body.summary).toEqual({ total: 8, create: 1, update: 1, unchanged: 1, invalid: 5 });
    const [update, unchanged, create, template, duplicate, taken, gone, stdio] = preview.body.documents;
    expect(update).toMatchObject({ index: 0, action: "update", registryName: `io.github.t${ns}/srv-1`, changes: { description: { from: "Server 1", to: "Now with alerts" }, name: { from: "srv-1", to: "Server One" } } });
    expect(Object.keys(update!.changes!).sort()).toEqual(["description", "name"]);
    expect(unchanged).toMatchObject({ action: "unchanged", identityId: first.body.documents[1]!.identityId });
    expect(create).toMatchObject({ action: "create", status: "pending", ownerId: admin.id, resourceUri: `https://srv-3-${ns}.example.test/mcp`, transport: "streamable-http", identityId: null });
    expect(template).toMatchObject({ action: "invalid", registryName: `io.github.t${ns}/srv-4`, errors: [{ path: "remotes.0.url" }] });
    expect(duplicate!.errors).toEqual([{ path: "name", message: "Document 3 of this import has the same name" }]);
    expect(taken!.errors).toEqual([{ path: "remotes.0.url", message: expect.stringContaining(other.id) }]);
    expect(gone!.errors).toEqual([{ path: "name", message: expect.stringContaining(`(${revoked.id}) with this name is revoked; register anew`) }]);
    expect(stdio!.errors).toEqual([{ path: "remotes", message: "stdio-only servers need a gateway URL: add a remotes entry or register it by hand" }]);

    expect(await identitiesNamed(names)).toBe(identitiesBefore);
    expect(await auditBy(token.id)).toBe(auditBefore);
    const stored = await db().identity.findUniqueOrThrow({ where: { registryName: `io.github.t${ns}/srv-1` } });
    expect(stored.description).toBe("Server 1");
  });
});

describe("server import: import", () => {
  it("creates servers from a registry list response, with audit events", async () => {
    const { admin, token, secret } = await adminToken();
    const ns = uniqueSuffix();
    const list = {
      servers: [
        { server: serverJson(ns, 1, { title: "Weather" }), _meta: { "io.modelcontextprotocol.registry/official": { status: "active", isLatest: true } } },
        { server: serverJson(ns, 2, { repository: undefined, remotes: [{ type: "sse", url: `https://sse-${ns}.example.test/sse` }] }), _meta: {} },
      ],
      metadata: { count: 2 },
    };
    const result = await post(importRoute, { bearer: secret }, { documents: list, ownerId: admin.id, environment: "development", tags: ["imported"] });
    expect(result.status).toBe(201);
    expect(result.body.summary).toEqual({ total: 2, create: 2, update: 0, unchanged: 0, invalid: 0 });
    const ids = result.body.documents.map((item) => item.identityId!);
    expect(ids.every((id) => /^srv_[0-9a-z]{26}$/.test(id))).toBe(true);

    const rows = await db().identity.findMany({ where: { id: { in: ids } }, include: { tags: true }, orderBy: { registryName: "desc" } });
    expect(rows.map((row) => [row.name, row.registryName, row.resourceUri, row.transport, row.sourceRepository, row.status, row.environment, row.ownerId, row.tags.map((tag) => tag.tag)])).toEqual([
      ["srv-2", `io.github.t${ns}/srv-2`, `https://sse-${ns}.example.test/sse`, "sse", null, "active", "development", admin.id, ["imported"]],
      ["Weather", `io.github.t${ns}/srv-1`, `https://srv-1-${ns}.example.test/mcp`, "streamable_http", `https://github.com/t${ns}/srv-1`, "active", "development", admin.id, ["imported"]],
    ]);

    const registered = await db().auditEvent.findMany({ where: { action: "identity.registered", targetId: { in: ids } } });
    expect(registered).toHaveLength(2);
    for (const event of registered) expect(event.details).toMatchObject({ via: "import", kind: "server" });
    const imported = await db().auditEvent.findMany({ where: { action: "identity.imported", actorId: token.id } });
    expect(imported).toHaveLength(1);
    expect(imported[0]!.details).toMatchObject({ counts: { total: 2, created: 2, updated: 0, unchanged: 0 }, created: [`io.github.t${ns}/srv-1`, `io.github.t${ns}/srv-2`] });
  });

  it("updates a server on a second import and reports the change", async () => {
    const { admin, token, secret } = await adminToken();
    const ns = uniqueSuffix();
    const created = await post(importRoute, { bearer: secret }, { documents: serverJson(ns, 1), ownerId: admin.id, environment: "production" });
    expect(created.status).toBe(201);
    const id = created.body.documents[0]!.identityId!;
    expect(created.body.documents[0]!.status).toBe("pending");

    const again = await post(importRoute, { bearer: secret }, { documents: [serverJson(ns, 1, { description: "Better forecasts", version: "1.1.0" })], ownerId: admin.id });
    expect(again.status).toBe(201);
    expect(again.body.summary).toMatchObject({ update: 1, create: 0 });
    expect(again.body.documents[0]).toMatchObject({ action: "update", identityId: id, changes: { description: { from: "Server 1", to: "Better forecasts" } } });
    const row = await db().identity.findUniqueOrThrow({ where: { id } });
    expect([row.description, row.environment]).toEqual(["Better forecasts", "production"]);
    const updated = await db().auditEvent.findMany({ where: { action: "identity.updated", targetId: id } });
    expect(updated.map((event) => event.details)).toEqual([{ changes: { description: { from: "Server 1", to: "Better forecasts" } }, via: "import" }]);

    const unchanged = await post(importRoute, { bearer: secret }, { documents: [serverJson(ns, 1, { description: "Better forecasts" })], ownerId: admin.id });
    expect(unchanged.body.documents[0]!.action).toBe("unchanged");
    expect(await db().auditEvent.count({ where: { action: "identity.updated", targetId: id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "identity.imported", actorId: token.id } })).toBe(3);
  });

  it("refuses an upload with one bad document with 422 listing every problem, and writes nothing", async () => {
    const { admin, token, secret } = await adminToken();
    const ns = uniqueSuffix();
    expect((await post(importRoute, { bearer: secret }, { documents: [serverJson(ns, 1)], ownerId: admin.id })).status).toBe(201);
    const documents = [serverJson(ns, 1, { description: "changed" }), serverJson(ns, 2), serverJson(ns, 3, { description: "", remotes: [{ type: "streamable-http", url: "http://srv-3.example.test/mcp" }] }), "not a document"];
    const names = [1, 2, 3].map((n) => `io.github.t${ns}/srv-${n}`);
    const identitiesBefore = await identitiesNamed(names);
    const auditBefore = await auditBy(token.id);
    const everythingBefore = await db().identity.count();

    const result = await post<Problem>(importRoute, { bearer: secret }, { documents, ownerId: admin.id });
    expect(result.status).toBe(422);
    expect(result.headers.get("content-type")).toBe("application/problem+json");
    expect(result.body.code).toBe("validation_failed");
    expect(result.body.detail).toBe("2 of 4 documents cannot be imported; nothing was imported");
    expect(result.body.errors!.map((issue) => issue.path)).toEqual(["documents.2.description", "documents.2.remotes.0.url", "documents.3.(root)"]);

    expect(await identitiesNamed(names)).toBe(identitiesBefore);
    expect(await auditBy(token.id)).toBe(auditBefore);
    expect((await db().identity.findUniqueOrThrow({ where: { registryName: names[0] } })).description).toBe("Server 1");
    // other test files write meanwhile, so the global count can only have grown by their servers, never ours
    expect(await db().identity.count({ where: { registryName: { startsWith: `io.github.t${ns}/` } } })).toBe(1);
    expect(await db().identity.count()).toBeGreaterThanOrEqual(everythingBefore);
  });

  it("refuses malformed requests precisely", async () => {
    const { admin, secret } = await adminToken();
    const ns = uniqueSuffix();
    const cases: [unknown, string][] = [
      [{ ownerId: admin.id }, "documents"],
      [{ documents: "text", ownerId: admin.id }, "documents"],
      [{ documents: [], ownerId: admin.id }, "documents"],
      [{ documents: [serverJson(ns, 1)], ownerId: "usr_nobody" }, "ownerId"],
      [{ documents: [serverJson(ns, 1)], ownerId: `usr_${"0".repeat(26)}` }, "ownerId"],
      [{ documents: [serverJson(ns, 1)], ownerId: admin.id, owners: { [`io.github.t${ns}/other`]: admin.id } }, `owners.io.github.t${ns}/other`],
      [{ documents: [serverJson(ns, 1)], ownerId: admin.id, extra: true }, "extra"],
    ];
    for (const [body, path] of cases) {
      for (const route of [previewRoute, importRoute]) {
        const result = await post<Problem>(route, { bearer: secret }, body);
        expect(result.status, JSON.stringify(body)).toBe(422);
        expect(result.body.errors?.map((issue) => issue.path), JSON.stringify(body)).toContain(path);
      }
    }
    expect(await identitiesNamed([`io.github.t${ns}/srv-1`])).toBe(0);
  });

  it("refuses more documents than the maxImportDocuments setting, writing nothing", async () => {
    await withFreshDatabase(async (client, target) => {
      await withGlobalDatabase(target, async () => {
        const { admin, secret } = await adminToken();
        await db().setting.upsert({ where: { key: "maxImportDocuments" }, create: { key: "maxImportDocuments", value: 2 }, update: { value: 2 } });
        const ns = uniqueSuffix();
        const documents = [1, 2, 3].map((n) => serverJson(ns, n));
        for (const route of [previewRoute, importRoute]) {
          const result = await post<Problem>(route, { bearer: secret }, { documents, ownerId: admin.id });
          expect(result.status).toBe(413);
          expect(result.headers.get("content-type")).toBe("application/problem+json");
          expect(result.body.errors).toEqual([{ path: "documents", message: "At most 2 documents per import (setting maxImportDocuments); this one has 3" }]);
        }
        expect(await client.identity.count()).toBe(0);
        expect(await client.auditEvent.count({ where: { action: { in: ["identity.registered", "identity.imported"] } } })).toBe(0);
        const withinLimit = await post(importRoute, { bearer: secret }, { documents: { servers: documents.slice(0, 2).map((server) => ({ server })) }, ownerId: admin.id });
        expect(withinLimit.status).toBe(201);
        expect(await client.identity.count()).toBe(2);
      });
    });
  });

  it("refuses a body over WARDEN_MAX_BODY_BYTES with 413", async () => {
    const { admin, token, secret } = await adminToken();
    const ns = uniqueSuffix();
    const body = JSON.stringify({ documents: [serverJson(ns, 1, { description: "x".repeat(1024 * 1024 + 16) })], ownerId: admin.id });
    const auditBefore = await auditBy(token.id);
    const result = await call<Problem>(importRoute, { method: "POST", path: "/api/v1/servers/import", bearer: secret, headers: { "content-type": "application/json" }, rawBody: body });
    expect(result.status).toBe(413);
    expect(result.body.code).toBe("payload_too_large");
    expect(await identitiesNamed([`io.github.t${ns}/srv-1`])).toBe(0);
    expect(await auditBy(token.id)).toBe(auditBefore);
  });
});

describe("server import: owners and roles", () => {
  it("lets owners import only servers they own, and update only their own", async () => {
    const owner = await seedUser({ role: "owner" });
    const other = await seedUser({ role: "owner" });
    const { cookie } = await sessionCookieFor(owner.id);
    const ns = uniqueSuffix();
    const forOther = await post<Problem>(importRoute, { cookie }, { documents: [serverJson(ns, 1)], ownerId: other.id });
    expect(forOther.status).toBe(403);
    expect((await post<Problem>(previewRoute, { cookie }, { documents: [serverJson(ns, 1)], ownerId: other.id })).status).toBe(403);
    const viaOverride = await post<Problem>(importRoute, { cookie }, { documents: [serverJson(ns, 1)], ownerId: owner.id, owners: { [`io.github.t${ns}/srv-1`]: other.id } });
    expect(viaOverride.status).toBe(403);
    expect(await identitiesNamed([`io.github.t${ns}/srv-1`])).toBe(0);

    const own = await post(importRoute, { cookie }, { documents: [serverJson(ns, 1)], ownerId: owner.id });
    expect(own.status).toBe(201);
    expect((await db().identity.findUniqueOrThrow({ where: { id: own.body.documents[0]!.identityId! } })).ownerId).toBe(owner.id);

    // someone else's server with a registry name in the upload cannot be updated by this owner
    const { cookie: otherCookie } = await sessionCookieFor(other.id);
    const preview = await post(previewRoute, { cookie: otherCookie }, { documents: [serverJson(ns, 1, { description: "hijacked" })], ownerId: other.id });
    expect(preview.status).toBe(200);
    expect(preview.body.documents[0]).toMatchObject({ action: "invalid", errors: [{ path: "name", message: expect.stringContaining("registered to another owner") }] });
  });

  it("lets admins choose any active owner, per import and per document", async () => {
    const { secret } = await adminToken();
    const owner = await seedUser({ role: "owner" });
    const second = await seedUser({ role: "owner" });
    const ns = uniqueSuffix();
    const result = await post(importRoute, { bearer: secret }, { documents: [serverJson(ns, 1), serverJson(ns, 2)], ownerId: owner.id, owners: { [`io.github.t${ns}/srv-2`]: second.id } });
    expect(result.status).toBe(201);
    expect(result.body.documents.map((item) => item.ownerId)).toEqual([owner.id, second.id]);
    const rows = await db().identity.findMany({ where: { registryName: { startsWith: `io.github.t${ns}/` } }, orderBy: { registryName: "asc" } });
    expect(rows.map((row) => row.ownerId)).toEqual([owner.id, second.id]);
  });

  it("refuses auditors", async () => {
    const auditor = await seedUser({ role: "auditor" });
    const { cookie } = await sessionCookieFor(auditor.id);
    const ns = uniqueSuffix();
    for (const route of [previewRoute, importRoute]) {
      const result = await post<Problem>(route, { cookie }, { documents: [serverJson(ns, 1)], ownerId: auditor.id });
      expect(result.status).toBe(403);
      expect(result.body.code).toBe("forbidden");
    }
    expect(await identitiesNamed([`io.github.t${ns}/srv-1`])).toBe(0);
  });
});
