// Catalog proposals: manual entry merges, an uploaded tools/list result
// replaces; nothing changes until an owner applies the proposal; applying makes
// the next catalog version; drift makes approved tools unclassified again.
// Refused input and permissions: catalog-proposal-checks.test.ts.
import { describe, expect, it } from "vitest";
import { GET as versionsRoute } from "@/app/api/v1/servers/[id]/catalog/versions/route";
import { GET as prmRoute } from "@/app/api/v1/servers/[id]/protected-resource-metadata/route";
import { GET as getProposalRoute } from "@/app/api/v1/servers/[id]/tools/proposals/[proposalId]/route";
import { GET as listProposalsRoute } from "@/app/api/v1/servers/[id]/tools/proposals/route";
import type { TCatalogDiff, TProposal } from "@/lib/catalog/schemas";
import { db } from "@/lib/db/client";
import { seedIdentity } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { principal, type Principal } from "./helpers/registry";
import {
  apply,
  applyUpload,
  approvedCatalog,
  discard,
  effectiveAccess,
  grant,
  justification,
  propose,
  reported,
  review,
  snapshot,
  tools,
  toolsByName,
  upload,
} from "./helpers/tool-catalog";

async function versions(serverId: string, who: Principal) {
  const result = await call<{ items: { version: number; source: string; diff: TCatalogDiff; proposalId: string | null }[] }>(versionsRoute, {
    path: `/api/v1/servers/${serverId}/catalog/versions`,
    params: { id: serverId },
    bearer: who.token,
  });
  return result.body.items;
}

async function scopesSupported(serverId: string, who: Principal): Promise<string[]> {
  const result = await call<{ scopes_supported: string[] }>(prmRoute, { path: `/api/v1/servers/${serverId}/protected-resource-metadata`, params: { id: serverId }, bearer: who.token });
  expect(result.status).toBe(200);
  return result.body.scopes_supported;
}

const names = (items: { name: string }[]) => items.map((item) => item.name).sort();

describe("proposals", () => {
  it("manual entry merges: listed tools are added or updated, nothing is removed", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    await applyUpload(server.id, owner, [reported("alpha"), reported("beta")]);
    const proposal = await propose(server.id, owner, { source: "manual", tools: [reported("gamma", { readOnlyHint: true }), reported("alpha", undefined, { description: "Alpha, better" })] });
    expect(proposal.status).toBe(201);
    expect(proposal.body).toMatchObject({ source: "manual", mode: "merge", status: "open", baseVersion: 1 });
    expect(proposal.body.diff).toMatchObject({ added: [{ name: "gamma", proposedTier: "read" }], removed: [], unchanged: 0 });
    expect(names(proposal.body.diff.changed)).toEqual(["alpha"]);
    expect((await apply(server.id, owner, proposal.body.id)).body.version).toBe(2);
    const byName = await toolsByName(server.id, owner);
    expect(Object.keys(byName).sort()).toEqual(["alpha", "beta", "gamma"]);
    expect(byName.alpha!.description).toBe("Alpha, better");
    expect(byName.beta!.removedAt).toBeNull();
  });

  it("an upload replaces: tools it does not list are removed, kept with removedAt, and leave the PRM", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const before = await approvedCatalog(server.id, owner, { keep: "read", gone: "write" });
    expect((await scopesSupported(server.id, owner)).sort()).toEqual([before.gone!.scope, before.keep!.scope].sort());

    const proposal = await upload(server.id, owner, { tools: [reported("keep", { readOnlyHint: true })] });
    expect(proposal.body).toMatchObject({ source: "upload", mode: "replace" });
    expect(proposal.body.diff).toMatchObject({ added: [], removed: [{ name: "gone" }], changed: [], unchanged: 1 });
    expect((await apply(server.id, owner, proposal.body.id)).status).toBe(200);

    expect(names((await tools(server.id, owner)).items)).toEqual(["keep"]);
    const all = await toolsByName(server.id, owner, "?includeRemoved=true");
    expect(all.gone).toMatchObject({ id: before.gone!.id, removedAt: expect.any(String), scope: before.gone!.scope });
    expect(await scopesSupported(server.id, owner)).toEqual([before.keep!.scope]);

    // a removed tool that comes back is new again: unclassified, awaiting review
    const back = await upload(server.id, owner, { tools: [reported("keep", { readOnlyHint: true }), reported("gone", { readOnlyHint: false, destructiveHint: false })] });
    expect(back.body.diff.added).toEqual([{ name: "gone", proposedTier: "write" }]);
    await apply(server.id, owner, back.body.id);
    expect((await toolsByName(server.id, owner)).gone).toMatchObject({ id: before.gone!.id, removedAt: null, status: "unclassified" });
    expect(await scopesSupported(server.id, owner)).toEqual([before.keep!.scope]);
  });

  it("accepts the three upload shapes: a tools/list result, a JSON-RPC response and a bare array", async () => {
    const owner = await principal("owner");
    const list = [reported("search", { readOnlyHint: true }), reported("create", { destructiveHint: false })];
    const shapes = { result: { tools: list, nextCursor: null }, jsonrpc: { jsonrpc: "2.0", id: 7, result: { tools: list } }, array: list };
    for (const [shape, document] of Object.entries(shapes)) {
      const server = await seedIdentity({ kind: "server", owner });
      const proposal = await upload(server.id, owner, document);
      expect(proposal.status, shape).toBe(201);
      expect(proposal.body.tools.map((tool) => [tool.name, tool.proposedTier]), shape).toEqual([
        ["search", "read"],
        ["create", "write"],
      ]);
      expect(names(proposal.body.diff.added), shape).toEqual(["create", "search"]);
    }
  });

  it("a proposal changes nothing until applied, and can be listed and read", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    await applyUpload(server.id, owner, [reported("existing")]);
    const before = await snapshot(server.id);
    const proposal = await upload(server.id, owner, { tools: [reported("brand-new")] });
    expect(proposal.status).toBe(201);
    const after = await snapshot(server.id);
    expect(after.tools).toEqual(before.tools);
    expect(after.catalogVersions).toBe(before.catalogVersions);
    expect(after.proposals).toBe(before.proposals + 1);
    expect((await tools(server.id, owner)).version).toBe(1);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: server.id }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "catalog.proposal_created" });
    expect(event.details).toMatchObject({ proposalId: proposal.body.id, source: "upload", added: ["brand-new"], removed: ["existing"] });

    const listed = await call<{ items: TProposal[] }>(listProposalsRoute, { path: `/api/v1/servers/${server.id}/tools/proposals?status=open`, params: { id: server.id }, bearer: owner.token });
    expect(listed.body.items.map((item) => item.id)).toEqual([proposal.body.id]);
    const read = await call<TProposal>(getProposalRoute, { path: `/api/v1/servers/${server.id}/tools/proposals/${proposal.body.id}`, params: { id: server.id, proposalId: proposal.body.id }, bearer: owner.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: proposal.body.id, status: "open", diff: proposal.body.diff });
    const elsewhere = await seedIdentity({ kind: "server", owner });
    const wrongServer = await call(getProposalRoute, { path: `/api/v1/servers/${elsewhere.id}/tools/proposals/${proposal.body.id}`, params: { id: elsewhere.id, proposalId: proposal.body.id }, bearer: owner.token });
    expect(wrongServer.status).toBe(404);
  });

  it("applying makes version N+1 with the diff and a catalog.changed audit event", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    await applyUpload(server.id, owner, [reported("same"), reported("edited"), reported("dropped")]);
    const proposal = await upload(server.id, owner, { tools: [reported("same"), reported("edited", undefined, { description: "Edited text" }), reported("added", { readOnlyHint: true })] });
    const applied = await apply(server.id, owner, proposal.body.id);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: "applied", version: 2, decidedAt: expect.any(String) });
    const expectedDiff = {
      added: [{ name: "added", proposedTier: "read" }],
      removed: [{ name: "dropped" }],
      changed: [{ name: "edited", fields: { description: { from: "Does edited", to: "Edited text" } }, drift: false }],
      reclassified: [],
      unchanged: 1,
    };
    expect(applied.body.diff).toEqual(expectedDiff);
    const [latest] = await versions(server.id, owner);
    expect(latest).toMatchObject({ version: 2, source: "upload", proposalId: proposal.body.id, diff: expectedDiff });
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: server.id, action: "catalog.changed" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ actorId: expect.stringMatching(/^tok_/), targetType: "server" });
    expect(event.details).toMatchObject({ version: 2, proposalId: proposal.body.id, added: ["added"], removed: ["dropped"], changed: ["edited"], drifted: [] });
    expect((await tools(server.id, owner)).version).toBe(2);
  });

  it("refuses a stale proposal, a second apply and an applied or discarded proposal's discard", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const byName = await applyUpload(server.id, owner, [reported("base")]);
    const first = await upload(server.id, owner, { tools: [reported("base"), reported("one")] });
    const second = await upload(server.id, owner, { tools: [reported("base"), reported("two")] });
    expect((await apply(server.id, owner, first.body.id)).status).toBe(200);

    const again = await apply(server.id, owner, first.body.id);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain("already applied");
    expect((await discard(server.id, owner, first.body.id)).status).toBe(409);

    const before = await snapshot(server.id);
    const stale = await apply(server.id, owner, second.body.id);
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain("catalog changed");
    expect(await snapshot(server.id)).toEqual(before);
    expect((await db().catalogProposal.findUniqueOrThrow({ where: { id: second.body.id } })).status).toBe("open");

    // a review is a catalog change too
    const third = await upload(server.id, owner, { tools: [reported("base"), reported("one"), reported("three")] });
    expect((await review(server.id, owner, [{ toolId: byName.base!.id, tier: "read" }])).body.version).toBe(3);
    expect((await apply(server.id, owner, third.body.id)).status).toBe(409);
  });

  it("discarding closes a proposal without touching the catalog", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    await applyUpload(server.id, owner, [reported("base")]);
    const proposal = await upload(server.id, owner, { tools: [reported("other")] });
    const before = await snapshot(server.id);
    const discarded = await discard(server.id, owner, proposal.body.id);
    expect(discarded.status).toBe(200);
    expect(discarded.body).toMatchObject({ status: "discarded", decidedAt: expect.any(String) });
    const after = await snapshot(server.id);
    expect(after.tools).toEqual(before.tools);
    expect(after.catalogVersions).toBe(before.catalogVersions);
    expect(after.events).toBe(before.events + 1);
    expect((await db().auditEvent.findFirstOrThrow({ where: { targetId: server.id }, orderBy: { seq: "desc" } })).action).toBe("catalog.proposal_discarded");
    expect((await discard(server.id, owner, proposal.body.id)).status).toBe(409);
    expect((await apply(server.id, owner, proposal.body.id)).status).toBe(409);
    expect((await apply(server.id, owner, `cpr_${"0".repeat(26)}`)).status).toBe(404);
  });
});

describe("drift", () => {
  it("changed description, schema or annotations of approved tools is drift; a title is not", async () => {
    const [owner, admin] = await Promise.all([principal("owner"), principal("admin")]);
    const server = await seedIdentity({ kind: "server", owner });
    const agent = await seedIdentity({ kind: "agent", owner });
    const approved = await approvedCatalog(server.id, owner, { describe: "read", schema: "read", hints: "read", titled: "read" });
    expect((await grant(admin, { agentId: agent.id, serverId: server.id, shortcut: "all", justification: justification() })).status).toBe(201);
    expect((await effectiveAccess(admin, `agentId=${agent.id}`)).map((row) => row.tool.name).sort()).toEqual(["describe", "hints", "schema", "titled"]);

    const changedSchema = { type: "object", properties: { q: { type: "string" }, force: { type: "boolean" } } };
    const proposal = await upload(server.id, owner, {
      tools: [
        reported("describe", { readOnlyHint: true }, { description: "Now also deletes things" }),
        reported("schema", { readOnlyHint: true }, { inputSchema: changedSchema }),
        reported("hints", { readOnlyHint: false, destructiveHint: true }),
        reported("titled", { readOnlyHint: true, title: "A nicer title" }, { title: "A nicer title" }),
      ],
    });
    const changed = Object.fromEntries(proposal.body.diff.changed.map((item) => [item.name, item]));
    expect(Object.keys(changed).sort()).toEqual(["describe", "hints", "schema", "titled"]);
    expect(Object.fromEntries(Object.entries(changed).map(([name, item]) => [name, item.drift]))).toEqual({ describe: true, schema: true, hints: true, titled: false });
    expect(Object.keys(changed.titled!.fields)).toEqual(["title"]);
    expect(Object.keys(changed.schema!.fields)).toEqual(["inputSchema"]);

    const applied = await apply(server.id, owner, proposal.body.id);
    expect(applied.status).toBe(200);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: server.id, action: "catalog.changed" }, orderBy: { seq: "desc" } });
    expect((event.details as { drifted: string[] }).drifted.sort()).toEqual(["describe", "hints", "schema"]);

    const after = await toolsByName(server.id, owner);
    for (const name of ["describe", "schema", "hints"]) {
      expect(after[name], name).toMatchObject({ status: "unclassified", tier: "read", driftedAt: expect.any(String), drift: { fields: expect.any(Object) } });
    }
    expect(after.describe!.drift!.fields).toEqual({ description: { from: "Does describe", to: "Now also deletes things" } });
    expect(after.schema!.drift!.fields).toEqual({ inputSchema: { from: approved.schema!.inputSchema, to: changedSchema } });
    expect(Object.keys(after.hints!.drift!.fields)).toEqual(["annotations"]);
    expect(after.hints!.proposedTier).toBe("irreversible");
    expect(after.titled).toMatchObject({ status: "approved", title: "A nicer title", drift: null, driftedAt: null });

    // denied until re-approved: gone from effective access and the PRM
    expect((await effectiveAccess(admin, `agentId=${agent.id}`)).map((row) => row.tool.name)).toEqual(["titled"]);
    expect(await scopesSupported(server.id, owner)).toEqual([approved.titled!.scope]);

    expect((await review(server.id, owner, [{ toolId: after.hints!.id, tier: "irreversible" }])).status).toBe(200);
    expect((await toolsByName(server.id, owner)).hints).toMatchObject({ status: "approved", tier: "irreversible", drift: null, driftedAt: null });
    expect((await effectiveAccess(admin, `agentId=${agent.id}`)).map((row) => row.tool.name).sort()).toEqual(["hints", "titled"]);
    expect((await scopesSupported(server.id, owner)).sort()).toEqual([approved.hints!.scope, approved.titled!.scope].sort());
  });
});
