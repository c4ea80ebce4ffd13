// Live discovery against a real MCP server built with @modelcontextprotocol/sdk
// (Streamable HTTP, tools with different annotations): the proposed tiers, and
// what happens when a tool changes on the server — it drifts, becomes
// unclassified and is denied (not grantable, not effective, not advertised)
// until an owner approves it again.
import { afterEach, describe, expect, it } from "vitest";
import { GET as effectiveAccessRoute } from "@/app/api/v1/effective-access/route";
import { POST as createGrantRoute } from "@/app/api/v1/grants/route";
import { POST as discoverRoute } from "@/app/api/v1/servers/[id]/tools/discover/route";
import { POST as applyRoute } from "@/app/api/v1/servers/[id]/tools/proposals/[proposalId]/apply/route";
import { POST as reviewRoute } from "@/app/api/v1/servers/[id]/tools/review/route";
import { GET as listToolsRoute } from "@/app/api/v1/servers/[id]/tools/route";
import { db } from "@/lib/db/client";
import { startMcpTestServer, type McpTestServer, type TestTool } from "@/lib/catalog/testing/mcp-test-server";
import type { TProposal, TTool } from "@/lib/catalog/schemas";
import { protectedResourceMetadata } from "@/lib/catalog/protected-resource-metadata";
import { seedIdentity } from "@/lib/seed/factories";
import { decide } from "./helpers/access-requests";
import { call } from "./helpers/http";
import { principal, type Principal } from "./helpers/registry";

const TOOLS: TestTool[] = [
  { name: "search_invoices", description: "Find invoices", annotations: { readOnlyHint: true } },
  { name: "create_invoice", description: "Create a draft invoice", annotations: { readOnlyHint: false, destructiveHint: false } },
  { name: "refund_payment", description: "Refund a captured payment", annotations: { destructiveHint: true } },
  { name: "export_ledger", description: "Export the ledger" },
  { name: "notify", description: "Send a notification", annotations: { openWorldHint: true }, inputSchema: { type: "object", properties: { to: { type: "string" } } } },
];

let mcp: McpTestServer | null = null;
afterEach(async () => {
  await mcp?.close();
  mcp = null;
});

async function setUp() {
  mcp = await startMcpTestServer({ tools: TOOLS, pageSize: 2, requireBearer: "discovery-secret-123" });
  const owner = await principal("owner");
  const admin = await principal("admin");
  const server = await seedIdentity({ kind: "server", owner, extra: { resourceUri: mcp.url } });
  const agent = await seedIdentity({ kind: "agent", owner });
  return { owner, admin, server, agent };
}

const discover = (serverId: string, who: Principal, body: Record<string, unknown> = { bearer: "discovery-secret-123" }) =>
  call<TProposal & { code?: string; detail?: string }>(discoverRoute, { method: "POST", path: `/api/v1/servers/${serverId}/tools/discover`, params: { id: serverId }, bearer: who.token, body });
const apply = (serverId: string, proposalId: string, who: Principal) =>
  call<TProposal & { version: number }>(applyRoute, { method: "POST", path: `/api/v1/servers/${serverId}/tools/proposals/${proposalId}/apply`, params: { id: serverId, proposalId }, bearer: who.token });
const tools = async (serverId: string, who: Principal) =>
  (await call<{ items: TTool[] }>(listToolsRoute, { path: `/api/v1/servers/${serverId}/tools`, params: { id: serverId }, bearer: who.token })).body.items;
const review = (serverId: string, who: Principal, decisions: { toolId: string; tier: string }[]) =>
  call<{ tools: TTool[]; version: number }>(reviewRoute, { method: "POST", path: `/api/v1/servers/${serverId}/tools/review`, params: { id: serverId }, bearer: who.token, body: { decisions } });

describe("live tool discovery", () => {
  it("discovers every page of tools and proposes tiers from the annotations, pessimistically", async () => {
    const { owner, server } = await setUp();
    const proposal = await discover(server.id, owner);
    expect(proposal.status).toBe(201);
    expect(proposal.body).toMatchObject({ source: "discovery", mode: "replace", status: "open", discovery: { pages: 3 } });
    expect(Object.fromEntries(proposal.body.diff.added.map((tool) => [tool.name, tool.proposedTier]))).toEqual({
      search_invoices: "read",
      create_invoice: "write",
      refund_payment: "irreversible",
      export_ledger: "irreversible",
      notify: "irreversible",
    });
    // nothing is in the catalog until the owner applies the proposal
    expect(await tools(server.id, owner)).toEqual([]);

    const applied = await apply(server.id, proposal.body.id, owner);
    expect(applied.status).toBe(200);
    expect(applied.body.version).toBe(1);
    const catalog = await tools(server.id, owner);
    expect(catalog.map((tool) => [tool.name, tool.status, tool.scope])).toEqual(
      ["create_invoice", "export_ledger", "notify", "refund_payment", "search_invoices"].map((name) => [name, "unclassified", `mcp:${server.slug}:${name}`]),
    );
    // the bearer was used for the call only: not stored, not audited
    const json = (value: unknown) => JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
    const stored = json(await db().catalogProposal.findMany({ where: { serverId: server.id } })) + json(await db().auditEvent.findMany({ where: { targetId: server.id } }));
    expect(stored).not.toContain("discovery-secret-123");
  });

  it("reports servers it cannot discover clearly, and lets only owners and admins trigger it", async () => {
    const { owner, admin, server } = await setUp();
    const noBearer = await discover(server.id, owner, {});
    expect(noBearer.status).toBe(502);
    expect(noBearer.body.detail).toContain("HTTP 401");
    const other = await principal("owner");
    const before = mcp!.requests;
    expect((await discover(server.id, other)).status).toBe(403);
    expect((await discover(server.id, await principal("auditor"))).status).toBe(403);
    expect(mcp!.requests).toBe(before); // refused before any connection
    expect((await discover(server.id, admin)).status).toBe(201);

    const unreachable = await seedIdentity({ kind: "server", owner, extra: { resourceUri: "http://127.0.0.1:9/mcp" } });
    const refused = await discover(unreachable.id, owner, {});
    expect(refused.status).toBe(502);
    expect(refused.body.detail).toContain("Could not reach");
  });

  it("catches drift: a changed tool is denied until re-approved, a title change is not drift", async () => {
    const { owner, admin, server, agent } = await setUp();
    await apply(server.id, (await discover(server.id, owner)).body.id, owner);
    let catalog = await tools(server.id, owner);
    const byName = (name: string) => catalog.find((tool) => tool.name === name)!;
    const approved = await review(server.id, owner, [
      { toolId: byName("search_invoices").id, tier: "read" },
      { toolId: byName("refund_payment").id, tier: "irreversible" },
      { toolId: byName("notify").id, tier: "write" },
    ]);
    expect(approved.status).toBe(200);
    expect(approved.body.version).toBe(2);

    const grant = await call<{ id: string }>(createGrantRoute, {
      method: "POST",
      path: "/api/v1/grants",
      bearer: admin.token,
      body: { agentId: agent.id, serverId: server.id, toolIds: [byName("refund_payment").id, byName("search_invoices").id], justification: "month-end refunds for support" },
    });
    // an irreversible tool: the grant waits for a second admin (docs/separation-of-duties.md)
    expect(grant.status).toBe(202);
    const confirmed = await decide(await principal("admin"), grant.body.id, { step: "admin", decision: "approve" });
    expect(confirmed.body.status).toBe("approved");

    // the server changes one tool's behaviour and another tool's title only
    mcp!.setTools(
      TOOLS.map((tool) =>
        tool.name === "refund_payment"
          ? { ...tool, description: "Refund a captured payment, or void the whole order", inputSchema: { type: "object", properties: { orderId: { type: "string" } } } }
          : tool.name === "search_invoices"
            ? { ...tool, title: "Invoice search" }
            : tool,
      ),
    );
    const second = await discover(server.id, owner);
    const changed = Object.fromEntries(second.body.diff.changed.map((item) => [item.name, item]));
    expect(changed.refund_payment).toMatchObject({ drift: true, fields: { description: { to: "Refund a captured payment, or void the whole order" } } });
    expect(changed.refund_payment!.fields.inputSchema).toBeDefined();
    expect(changed.search_invoices).toMatchObject({ drift: false, fields: { title: { from: null, to: "Invoice search" } } });
    expect((await apply(server.id, second.body.id, owner)).body.version).toBe(3);

    catalog = await tools(server.id, owner);
    expect(byName("search_invoices")).toMatchObject({ status: "approved", tier: "read", title: "Invoice search" });
    const refund = byName("refund_payment");
    expect(refund).toMatchObject({ status: "unclassified", tier: "irreversible" });
    expect(refund.driftedAt).not.toBeNull();
    expect(refund.drift?.fields.description).toEqual({ from: "Refund a captured payment", to: "Refund a captured payment, or void the whole order" });

    // denied while drifted: not effective, not advertised, not grantable
    const access = await call<{ items: { tool: { name: string } }[] }>(effectiveAccessRoute, { path: `/api/v1/effective-access?agentId=${agent.id}`, bearer: admin.token });
    expect(access.body.items.map((item) => item.tool.name)).toEqual(["search_invoices"]);
    const metadata = await protectedResourceMetadata(server.id);
    expect(metadata?.document.scopes_supported).not.toContain(refund.scope);
    expect(metadata?.document.scopes_supported).toContain(byName("search_invoices").scope);
    const otherAgent = await seedIdentity({ kind: "agent", owner });
    const refused = await call<{ errors: { path: string; message: string }[] }>(createGrantRoute, {
      method: "POST",
      path: "/api/v1/grants",
      bearer: admin.token,
      body: { agentId: otherAgent.id, serverId: server.id, toolIds: [refund.id], justification: "should not be possible now" },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ path: "toolIds.0", message: expect.stringContaining("unclassified") });

    // re-approval restores it
    await review(server.id, owner, [{ toolId: refund.id, tier: "irreversible" }]);
    const restored = await call<{ items: { tool: { name: string } }[] }>(effectiveAccessRoute, { path: `/api/v1/effective-access?agentId=${agent.id}`, bearer: admin.token });
    expect(restored.body.items.map((item) => item.tool.name).sort()).toEqual(["refund_payment", "search_invoices"]);
    const [latest] = await db().auditEvent.findMany({ where: { targetId: server.id, action: "catalog.changed" }, orderBy: { seq: "desc" }, take: 1 });
    expect(latest?.details).toMatchObject({ version: 3, drifted: ["refund_payment"] });
  });

  it("removes tools the server no longer reports, keeping them on record", async () => {
    const { owner, server } = await setUp();
    await apply(server.id, (await discover(server.id, owner)).body.id, owner);
    mcp!.setTools(TOOLS.filter((tool) => tool.name !== "notify"));
    const proposal = await discover(server.id, owner);
    expect(proposal.body.diff.removed).toEqual([{ name: "notify" }]);
    await apply(server.id, proposal.body.id, owner);
    expect((await tools(server.id, owner)).map((tool) => tool.name)).not.toContain("notify");
    const all = await call<{ items: TTool[] }>(listToolsRoute, { path: `/api/v1/servers/${server.id}/tools?includeRemoved=true`, params: { id: server.id }, bearer: owner.token });
    expect(all.body.items.find((tool) => tool.name === "notify")?.removedAt).not.toBeNull();
  });
});
