// Refused catalog proposals: invalid or duplicate tool names and malformed
// uploads answer 422 naming the field, a revoked server 409, and people other
// than the server's owners and admins 403 — and none of them writes anything.
import { describe, expect, it } from "vitest";
import { POST as disableRoute } from "@/app/api/v1/servers/[id]/tools/[toolId]/disable/route";
import { POST as proposeRoute } from "@/app/api/v1/servers/[id]/tools/proposals/route";
import { seedIdentity } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { lifecycle, principal } from "./helpers/registry";
import { apply, applyUpload, approvedCatalog, discard, propose, reported, review, snapshot, upload, type Problem } from "./helpers/tool-catalog";

describe("bad input", () => {
  const BAD_NAMES = ["has space", "", "x".repeat(129), "ünïcode", "semi;colon", "colon:name"];

  it("refuses invalid and duplicate tool names in manual entry, naming each, and writes nothing", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    await applyUpload(server.id, owner, [reported("fine")]);
    const before = await snapshot(server.id);
    const invalid = await propose(server.id, owner, { source: "manual", tools: [reported("ok"), ...BAD_NAMES.map((name) => reported(name))] });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    expect(invalid.body.errors?.map((issue) => issue.path)).toEqual(BAD_NAMES.map((_, index) => `tools.${index + 1}.name`));
    const duplicate = await propose(server.id, owner, { source: "manual", tools: [reported("a"), reported("b"), reported("a")] });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors).toEqual([{ path: "tools.2.name", message: expect.stringContaining("duplicates tool 0") }]);
    expect((await propose(server.id, owner, { source: "manual", tools: [] })).body.errors?.[0]?.path).toBe("tools");
    expect(await snapshot(server.id)).toEqual(before);
  });

  it("refuses bad uploads with paths under document, and writes nothing", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    await applyUpload(server.id, owner, [reported("fine")]);
    const before = await snapshot(server.id);
    const cases: [string, unknown, string[]][] = [
      ["invalid names", { tools: [reported("ok"), reported("bad name"), reported("x".repeat(129))] }, ["document.tools.1.name", "document.tools.2.name"]],
      ["duplicate names", { tools: [reported("a"), reported("b"), reported("b")] }, ["document.tools.2.name"]],
      ["a tool without a name", { tools: [{ description: "nameless" }] }, ["document.tools.0.name"]],
      ["a schema that is not an object", { tools: [{ name: "x", inputSchema: "string" }] }, ["document.tools.0.inputSchema"]],
      ["annotations of the wrong type", { tools: [{ name: "x", annotations: { readOnlyHint: "yes" } }] }, ["document.tools.0.annotations.readOnlyHint"]],
      ["no tools", { result: {} }, ["document.tools"]],
      ["tools not a list", { tools: "search, create" }, ["document.tools"]],
      ["a string", "tools/list", ["document"]],
      ["null", null, ["document"]],
      ["a JSON-RPC response with a bad name", { jsonrpc: "2.0", id: 1, result: { tools: [reported("bad name")] } }, ["document.result.tools.0.name"]],
      ["a JSON-RPC error", { jsonrpc: "2.0", id: 1, error: { code: -32601, message: "Method not found" } }, ["document.result"]],
      ["a bare array with a bad name", [reported("ok"), reported("bad name")], ["document.1.name"]],
      ["a bare array with duplicates", [reported("a"), reported("a")], ["document.1.name"]],
    ];
    for (const [label, document, paths] of cases) {
      const result = await upload(server.id, owner, document);
      expect(result.status, label).toBe(422);
      expect(result.body.code, label).toBe("validation_failed");
      expect(result.body.errors?.map((issue) => issue.path), label).toEqual(paths);
    }
    const missing = await propose(server.id, owner, { source: "upload" });
    expect(missing.status).toBe(422);
    const unknownSource = await propose(server.id, owner, { source: "guess", tools: [reported("x")] });
    expect(unknownSource.status).toBe(422);
    expect(unknownSource.body.errors?.[0]?.path).toBe("source");
    const notJson = await call<Problem>(proposeRoute, {
      method: "POST",
      path: `/api/v1/servers/${server.id}/tools/proposals`,
      params: { id: server.id },
      bearer: owner.token,
      headers: { "content-type": "application/json" },
      rawBody: '{"source":"upload","document":{"tools":[',
    });
    expect(notJson.status).toBe(400);
    expect(await snapshot(server.id)).toEqual(before);
  });

  it("a revoked server's catalog is history: proposing and applying are refused", async () => {
    const [owner, admin] = await Promise.all([principal("owner"), principal("admin")]);
    const server = await seedIdentity({ kind: "server", owner });
    await applyUpload(server.id, owner, [reported("old")]);
    const pending = await upload(server.id, owner, { tools: [reported("old"), reported("new")] });
    expect((await lifecycle("revoke", server.id, admin, { reason: "decommissioned" })).status).toBe(200);
    const before = await snapshot(server.id);
    const proposed = await upload(server.id, owner, { tools: [reported("new")] });
    expect(proposed.status).toBe(409);
    expect(proposed.body.detail).toContain("revoked");
    expect((await apply(server.id, admin, pending.body.id)).status).toBe(409);
    expect(await snapshot(server.id)).toEqual(before);

    const revoked = await seedIdentity({ kind: "server", owner, status: "revoked" });
    expect((await upload(revoked.id, admin, { tools: [reported("x")] })).status).toBe(409);
    expect((await upload(`srv_${"0".repeat(26)}`, admin, { tools: [reported("x")] })).status).toBe(404);
  });
});

describe("who may change a catalog", () => {
  it("the owner, the backup owner and admins; another owner and an auditor get 403 and change nothing", async () => {
    const [owner, backup, admin, stranger, auditor] = await Promise.all([principal("owner"), principal("owner"), principal("admin"), principal("owner"), principal("auditor")]);
    const server = await seedIdentity({ kind: "server", owner, extra: { backupOwnerId: backup.id } });
    const byName = await approvedCatalog(server.id, owner, { base: "read" });
    const open = await upload(server.id, owner, { tools: [reported("base", { readOnlyHint: true }), reported("more")] });
    const before = await snapshot(server.id);
    for (const who of [stranger, auditor]) {
      const attempts = {
        propose: await upload(server.id, who, { tools: [reported("theirs")] }),
        manual: await propose(server.id, who, { source: "manual", tools: [reported("theirs")] }),
        apply: await apply(server.id, who, open.body.id),
        discard: await discard(server.id, who, open.body.id),
        review: await review(server.id, who, [{ toolId: byName.base!.id, tier: "irreversible" }]),
        disable: await call<Problem>(disableRoute, { method: "POST", path: `/api/v1/servers/${server.id}/tools/${byName.base!.id}/disable`, params: { id: server.id, toolId: byName.base!.id }, bearer: who.token, body: {} }),
      };
      for (const [operation, result] of Object.entries(attempts)) {
        expect(result.status, `${who.role} ${operation}`).toBe(403);
        expect((result.body as Problem).code).toBe("forbidden");
      }
    }
    expect(await snapshot(server.id)).toEqual(before);

    for (const who of [owner, backup, admin]) {
      const proposal = await upload(server.id, who, { tools: [reported("base", { readOnlyHint: true }), reported(`by-${who.role}-${who.id.slice(-6)}`)] });
      expect(proposal.status, who.email).toBe(201);
      expect((await apply(server.id, who, proposal.body.id)).status, who.email).toBe(200);
    }
    // the open proposal went stale meanwhile
    expect((await apply(server.id, owner, open.body.id)).status).toBe(409);
    expect((await discard(server.id, backup, open.body.id)).status).toBe(200);
  });
});
