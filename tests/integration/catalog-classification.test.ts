// Tool classification: the tier proposed from MCP annotations (read
// pessimistically), per-tool scopes, approval by owners and admins, reclassifying,
// and disabling/enabling — each change a catalog version with its diff.
import { describe, expect, it } from "vitest";
import { POST as disableRoute } from "@/app/api/v1/servers/[id]/tools/[toolId]/disable/route";
import { POST as enableRoute } from "@/app/api/v1/servers/[id]/tools/[toolId]/enable/route";
import { GET as versionsRoute } from "@/app/api/v1/servers/[id]/catalog/versions/route";
import type { TCatalogDiff, TTool } from "@/lib/catalog/schemas";
import { db } from "@/lib/db/client";
import { seedIdentity } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { principal, type Principal } from "./helpers/registry";
import { apply, applyUpload, approvedCatalog, reported, review, toolsByName, upload, type Problem, type Tier } from "./helpers/tool-catalog";

type Version = { version: number; source: string; diff: TCatalogDiff; proposalId: string | null; createdById: string | null };

async function versions(serverId: string, who: Principal): Promise<Version[]> {
  const result = await call<{ items: Version[] }>(versionsRoute, { path: `/api/v1/servers/${serverId}/catalog/versions`, params: { id: serverId }, bearer: who.token });
  expect(result.status).toBe(200);
  return result.body.items;
}

function toggle(action: "disable" | "enable", serverId: string, toolId: string, who: Principal, body: unknown = {}) {
  return call<TTool & Problem>(action === "disable" ? disableRoute : enableRoute, {
    method: "POST",
    path: `/api/v1/servers/${serverId}/tools/${toolId}/${action}`,
    params: { id: serverId, toolId },
    bearer: who.token,
    body,
  });
}

// annotations → the tier Warden proposes; anything not clearly safe is irreversible
const DEFAULTS: [string, Record<string, unknown> | undefined, Tier][] = [
  ["no-annotations", undefined, "irreversible"],
  ["empty-annotations", {}, "irreversible"],
  ["read-only", { readOnlyHint: true }, "read"],
  ["read-only-destructive", { readOnlyHint: true, destructiveHint: true }, "read"],
  ["not-destructive", { destructiveHint: false }, "write"],
  ["not-read-only-not-destructive", { readOnlyHint: false, destructiveHint: false }, "write"],
  ["not-read-only", { readOnlyHint: false }, "irreversible"],
  ["destructive", { destructiveHint: true }, "irreversible"],
  ["open-world-only", { openWorldHint: true }, "irreversible"],
  ["idempotent-only", { idempotentHint: true }, "irreversible"],
  ["title-only", { title: "Just a title" }, "irreversible"],
  ["idempotent-destructive", { readOnlyHint: false, destructiveHint: true, idempotentHint: true }, "irreversible"],
];

describe("tier defaults from annotations", () => {
  it("proposes each combination's tier, and applied tools start unclassified with one scope each", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const proposal = await upload(server.id, owner, { tools: DEFAULTS.map(([name, annotations]) => reported(name, annotations)) });
    expect(proposal.status).toBe(201);
    const expected = Object.fromEntries(DEFAULTS.map(([name, , tier]) => [name, tier]));
    expect(Object.fromEntries(proposal.body.tools.map((tool) => [tool.name, tool.proposedTier]))).toEqual(expected);
    expect(Object.fromEntries(proposal.body.diff.added.map((tool) => [tool.name, tool.proposedTier]))).toEqual(expected);

    const applied = await apply(server.id, owner, proposal.body.id);
    expect(applied.status).toBe(200);
    const byName = await toolsByName(server.id, owner);
    expect(Object.keys(byName).sort()).toEqual(DEFAULTS.map(([name]) => name).sort());
    for (const [name, , tier] of DEFAULTS) {
      expect(byName[name], name).toMatchObject({ proposedTier: tier, status: "unclassified", tier: null, approvedById: null, approvedAt: null, scope: `mcp:${server.slug}:${name}` });
    }
  });

  it("scopes keep MCP tool names as they are (dots, slashes, case)", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const names = ["files/read.v2", "Repo-Search_2", "a"];
    const byName = await applyUpload(server.id, owner, names.map((name) => reported(name)));
    expect(names.map((name) => byName[name]!.scope)).toEqual(names.map((name) => `mcp:${server.slug}:${name}`));
  });
});

describe("approving and reclassifying", () => {
  it("an owner approves tools at a tier: status, tier, approver, and a review version listing the reclassification", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const byName = await applyUpload(server.id, owner, [reported("lookup", { readOnlyHint: true }), reported("wipe")]);
    const before = await versions(server.id, owner);
    expect(before.map((version) => version.version)).toEqual([1]);

    // the owner decides; the proposal is only a suggestion (wipe was proposed irreversible)
    const result = await review(server.id, owner, [
      { toolId: byName.lookup!.id, tier: "read" },
      { toolId: byName.wipe!.id, tier: "write" },
    ]);
    expect(result.status).toBe(200);
    expect(result.body.version).toBe(2);
    for (const tool of result.body.tools) {
      expect(tool).toMatchObject({ status: "approved", approvedById: owner.id, approvedAt: expect.any(String), driftedAt: null, drift: null });
    }
    const after = await toolsByName(server.id, owner);
    expect(after.lookup).toMatchObject({ status: "approved", tier: "read", proposedTier: "read", approvedById: owner.id });
    expect(after.wipe).toMatchObject({ status: "approved", tier: "write", proposedTier: "irreversible", approvedById: owner.id });

    const [latest] = await versions(server.id, owner);
    expect(latest).toMatchObject({ version: 2, source: "review", proposalId: null, createdById: owner.id });
    expect(latest!.diff).toMatchObject({ added: [], removed: [], changed: [] });
    expect(latest!.diff.reclassified).toEqual(
      expect.arrayContaining([
        { name: "lookup", from: { status: "unclassified", tier: null }, to: { status: "approved", tier: "read" } },
        { name: "wipe", from: { status: "unclassified", tier: null }, to: { status: "approved", tier: "write" } },
      ]),
    );
    expect(latest!.diff.reclassified).toHaveLength(2);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: server.id, action: "catalog.tools_reviewed" }, orderBy: { seq: "desc" } });
    expect(event.details).toMatchObject({ version: 2 });
  });

  it("a backup owner and an admin may approve; another owner and an auditor may not, and nothing changes", async () => {
    const [owner, backup, admin, stranger, auditor] = await Promise.all([principal("owner"), principal("owner"), principal("admin"), principal("owner"), principal("auditor")]);
    const server = await seedIdentity({ kind: "server", owner, extra: { backupOwnerId: backup.id } });
    const byName = await applyUpload(server.id, owner, [reported("one"), reported("two"), reported("three")]);
    for (const who of [stranger, auditor]) {
      const refused = await review(server.id, who, [{ toolId: byName.one!.id, tier: "read" }]);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe("forbidden");
    }
    expect((await toolsByName(server.id, owner)).one!.status).toBe("unclassified");
    expect((await versions(server.id, owner)).map((version) => version.version)).toEqual([1]);
    expect((await review(server.id, backup, [{ toolId: byName.two!.id, tier: "read" }])).body.tools?.[0]).toMatchObject({ status: "approved", approvedById: backup.id });
    expect((await review(server.id, admin, [{ toolId: byName.three!.id, tier: "irreversible" }])).body.tools?.[0]).toMatchObject({ status: "approved", approvedById: admin.id });
  });

  it("reclassifying records from and to; approving again at the same tier is no change", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const byName = await approvedCatalog(server.id, owner, { export: "read" });
    const toolId = byName.export!.id;

    const same = await review(server.id, owner, [{ toolId, tier: "read" }]);
    expect(same.status).toBe(200);
    expect(same.body.version).toBeNull();
    expect((await versions(server.id, owner)).map((version) => version.version)).toEqual([2, 1]);

    const changed = await review(server.id, owner, [{ toolId, tier: "irreversible" }]);
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(3);
    expect(changed.body.tools[0]).toMatchObject({ status: "approved", tier: "irreversible" });
    const [latest] = await versions(server.id, owner);
    expect(latest!.diff.reclassified).toEqual([{ name: "export", from: { status: "approved", tier: "read" }, to: { status: "approved", tier: "irreversible" } }]);
  });

  it("refuses decisions on unknown, foreign, removed or repeated tools, naming the decision", async () => {
    const owner = await principal("owner");
    const [server, other] = await Promise.all([seedIdentity({ kind: "server", owner }), seedIdentity({ kind: "server", owner })]);
    const byName = await applyUpload(server.id, owner, [reported("kept"), reported("dropped")]);
    const foreign = await applyUpload(other.id, owner, [reported("elsewhere")]);
    await applyUpload(server.id, owner, [reported("kept")]);

    const unknown = await review(server.id, owner, [
      { toolId: byName.kept!.id, tier: "read" },
      { toolId: `tool_${"0".repeat(26)}`, tier: "read" },
      { toolId: foreign.elsewhere!.id, tier: "read" },
      { toolId: byName.dropped!.id, tier: "read" },
    ]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.map((issue) => issue.path)).toEqual(["decisions.1.toolId", "decisions.2.toolId", "decisions.3.toolId"]);
    const twice = await review(server.id, owner, [
      { toolId: byName.kept!.id, tier: "read" },
      { toolId: byName.kept!.id, tier: "write" },
    ]);
    expect(twice.status).toBe(422);
    expect(twice.body.errors?.[0]?.path).toBe("decisions");
    const invalidTier = await review(server.id, owner, [{ toolId: byName.kept!.id, tier: "dangerous" as Tier }]);
    expect(invalidTier.status).toBe(422);
    expect(invalidTier.body.errors?.[0]?.path).toBe("decisions.0.tier");
    expect((await toolsByName(server.id, owner)).kept!.status).toBe("unclassified");
  });
});

describe("disabling and enabling", () => {
  it("disabling denies an approved tool at once; enabling an unchanged tool restores its approval", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const byName = await approvedCatalog(server.id, owner, { deploy: "irreversible" });
    const toolId = byName.deploy!.id;

    const disabled = await toggle("disable", server.id, toolId, owner, { reason: "incident 42" });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ status: "disabled", tier: "irreversible" });
    let [latest] = await versions(server.id, owner);
    expect(latest).toMatchObject({ version: 3, source: "review" });
    expect(latest!.diff.reclassified).toEqual([{ name: "deploy", from: { status: "approved", tier: "irreversible" }, to: { status: "disabled", tier: "irreversible" } }]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: server.id, action: "catalog.tool_disabled" }, orderBy: { seq: "desc" } });
    expect(event.details).toMatchObject({ toolId, from: "approved", to: "disabled", reason: "incident 42" });

    expect((await toggle("disable", server.id, toolId, owner)).status).toBe(409);

    const enabled = await toggle("enable", server.id, toolId, owner);
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ status: "approved", tier: "irreversible", drift: null });
    [latest] = await versions(server.id, owner);
    expect(latest!.diff.reclassified).toEqual([{ name: "deploy", from: { status: "disabled", tier: "irreversible" }, to: { status: "approved", tier: "irreversible" } }]);
    expect((await toggle("enable", server.id, toolId, owner)).status).toBe(409);
  });

  it("enabling a tool that changed while disabled needs review again", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const byName = await approvedCatalog(server.id, owner, { rotate: "write" });
    const toolId = byName.rotate!.id;
    expect((await toggle("disable", server.id, toolId, owner)).status).toBe(200);
    // the server now describes the tool differently; it stays disabled meanwhile
    await applyUpload(server.id, owner, [reported("rotate", { readOnlyHint: false, destructiveHint: false }, { description: "Rotates and deletes the old keys" })]);
    expect((await toolsByName(server.id, owner)).rotate).toMatchObject({ status: "disabled", description: "Rotates and deletes the old keys" });

    const enabled = await toggle("enable", server.id, toolId, owner);
    expect(enabled.status).toBe(200);
    expect(enabled.body.status).toBe("unclassified");
    expect(enabled.body.drift?.fields).toHaveProperty("description", { from: "Does rotate", to: "Rotates and deletes the old keys" });
  });

  it("enabling a never-approved tool leaves it unclassified", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const byName = await applyUpload(server.id, owner, [reported("fresh", { readOnlyHint: true })]);
    expect((await toggle("disable", server.id, byName.fresh!.id, owner)).body.status).toBe("disabled");
    expect((await toggle("enable", server.id, byName.fresh!.id, owner)).body).toMatchObject({ status: "unclassified", tier: null });
  });

  it("disabling and enabling a tool that awaits review again does not approve it", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const byName = await approvedCatalog(server.id, owner, { stay: "read", flaky: "read", ghost: "read" });
    expect((await toggle("disable", server.id, byName.ghost!.id, owner)).body.status).toBe("disabled");
    // the server stops reporting two tools, then reports them again, unchanged: they are new again
    await applyUpload(server.id, owner, [reported("stay", { readOnlyHint: true })]);
    await applyUpload(server.id, owner, ["stay", "flaky", "ghost"].map((name) => reported(name, { readOnlyHint: true })));
    expect((await toolsByName(server.id, owner)).flaky).toMatchObject({ status: "unclassified", removedAt: null });
    expect((await toggle("disable", server.id, byName.flaky!.id, owner)).body.status).toBe("disabled");
    expect((await toggle("enable", server.id, byName.flaky!.id, owner)).body.status).toBe("unclassified");
    // the same when it came back while disabled
    expect((await toolsByName(server.id, owner)).ghost).toMatchObject({ status: "disabled", removedAt: null });
    expect((await toggle("enable", server.id, byName.ghost!.id, owner)).body.status).toBe("unclassified");
    expect((await toolsByName(server.id, owner)).stay!.status).toBe("approved");
  });

  it("only owners and admins toggle tools; unknown tools are 404", async () => {
    const [owner, stranger, auditor, admin] = await Promise.all([principal("owner"), principal("owner"), principal("auditor"), principal("admin")]);
    const server = await seedIdentity({ kind: "server", owner });
    const byName = await approvedCatalog(server.id, owner, { ping: "read" });
    for (const who of [stranger, auditor]) {
      const refused = await toggle("disable", server.id, byName.ping!.id, who);
      expect(refused.status, who.role).toBe(403);
    }
    expect((await toolsByName(server.id, owner)).ping!.status).toBe("approved");
    expect((await toggle("disable", server.id, `tool_${"0".repeat(26)}`, admin)).status).toBe(404);
    expect((await toggle("disable", server.id, byName.ping!.id, admin)).body.status).toBe("disabled");
  });
});
