// Effective access answers "which agents can call irreversible tools on server
// X?" from grants, tool approvals and identity states at query time; rows
// disappear as soon as any of them stops holding.
import { describe, expect, it } from "vitest";
import { GET as effectiveAccessRoute } from "@/app/api/v1/effective-access/route";
import { POST as revokeGrantRoute } from "@/app/api/v1/grants/[id]/revoke/route";
import { POST as disableRoute } from "@/app/api/v1/servers/[id]/tools/[toolId]/disable/route";
import { db } from "@/lib/db/client";
import { seedIdentity } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { lifecycle, principal } from "./helpers/registry";
import { grantConfirmed } from "./helpers/access-requests";
import { apply, approvedCatalog, effectiveAccess, grant, HINTS, justification, reported, upload } from "./helpers/tool-catalog";

const X_TOOLS = { "read-x": "read", "write-x": "write", "wipe-x": "irreversible", "purge-x": "irreversible" } as const;

/** Two agents on server X (one read, one irreversible) and one irreversible agent on server Y. */
async function setUp() {
  const [admin, owner] = await Promise.all([principal("admin"), principal("owner")]);
  const [serverX, serverY] = await Promise.all([seedIdentity({ kind: "server", owner }), seedIdentity({ kind: "server", owner })]);
  const xTools = await approvedCatalog(serverX.id, owner, { ...X_TOOLS });
  const yTools = await approvedCatalog(serverY.id, owner, { "wipe-y": "irreversible" });
  const [reader, operator, elsewhere] = await Promise.all([1, 2, 3].map(() => seedIdentity({ kind: "agent", owner })));
  const grants = {
    reader: await grant(admin, { agentId: reader!.id, serverId: serverX.id, shortcut: "all-read", justification: justification() }),
    // irreversible tools: a second admin confirms (four eyes, docs/separation-of-duties.md)
    operator: await grantConfirmed(admin, { agentId: operator!.id, serverId: serverX.id, toolIds: [xTools["wipe-x"]!.id, xTools["purge-x"]!.id, xTools["read-x"]!.id], justification: justification() }),
    elsewhere: await grantConfirmed(admin, { agentId: elsewhere!.id, serverId: serverY.id, shortcut: "all", justification: justification() }),
  };
  for (const created of Object.values(grants)) expect(created.status).toBe(201);
  return { admin, owner, serverX, serverY, xTools, yTools, agents: { reader: reader!, operator: operator!, elsewhere: elsewhere! }, grants };
}

type World = Awaited<ReturnType<typeof setUp>>;

async function irreversibleOnX(world: World) {
  const rows = await effectiveAccess(world.admin, `serverId=${world.serverX.id}&tier=irreversible`);
  return rows.map((row) => `${row.agent.id} ${row.tool.name}`).sort();
}

const operatorRows = (world: World) => [`${world.agents.operator.id} purge-x`, `${world.agents.operator.id} wipe-x`].sort();

describe("effective access", () => {
  it("answers which agents can call irreversible tools on a server, exactly", async () => {
    const world = await setUp();
    const rows = await effectiveAccess(world.admin, `serverId=${world.serverX.id}&tier=irreversible`);
    expect(rows.map((row) => `${row.agent.id} ${row.tool.name}`).sort()).toEqual(operatorRows(world));
    const wipe = rows.find((row) => row.tool.name === "wipe-x")!;
    expect(wipe).toEqual({
      agent: { id: world.agents.operator.id, name: world.agents.operator.name },
      server: { id: world.serverX.id, name: world.serverX.name },
      tool: { id: world.xTools["wipe-x"]!.id, name: "wipe-x", tier: "irreversible" },
      scope: `mcp:${world.serverX.slug}:wipe-x`,
      grantId: world.grants.operator.body.id,
      expiresAt: null,
    });

    const readOnX = await effectiveAccess(world.admin, `serverId=${world.serverX.id}&tier=read`);
    expect(readOnX.map((row) => `${row.agent.id} ${row.tool.name}`).sort()).toEqual([`${world.agents.operator.id} read-x`, `${world.agents.reader.id} read-x`].sort());
    const allOnX = await effectiveAccess(world.admin, `serverId=${world.serverX.id}`);
    expect(allOnX).toHaveLength(4);
    const onY = await effectiveAccess(world.admin, `serverId=${world.serverY.id}&tier=irreversible`);
    expect(onY.map((row) => `${row.agent.id} ${row.tool.name}`)).toEqual([`${world.agents.elsewhere.id} wipe-y`]);
    const byAgent = await effectiveAccess(world.admin, `agentId=${world.agents.reader.id}`);
    expect(byAgent.map((row) => row.scope)).toEqual([world.xTools["read-x"]!.scope]);

    // auditors and owners may ask too
    const auditor = await principal("auditor");
    expect((await effectiveAccess(auditor, `serverId=${world.serverX.id}&tier=irreversible`)).length).toBe(2);
    expect((await effectiveAccess(world.owner, `serverId=${world.serverX.id}&tier=irreversible`)).length).toBe(2);
  });

  const changes: [string, (world: World) => Promise<void>, (world: World) => string[]][] = [
    [
      "a granted tool drifts",
      async (world) => {
        const list = Object.entries(X_TOOLS).map(([name, tier]) => reported(name, HINTS[tier], name === "wipe-x" ? { description: "Wipes everything, now recursively" } : {}));
        const proposal = await upload(world.serverX.id, world.owner, { tools: list });
        expect(proposal.body.diff.changed).toEqual([expect.objectContaining({ name: "wipe-x", drift: true })]);
        expect((await apply(world.serverX.id, world.owner, proposal.body.id)).status).toBe(200);
      },
      (world) => [`${world.agents.operator.id} purge-x`],
    ],
    [
      "a granted tool is disabled",
      async (world) => {
        const toolId = world.xTools["purge-x"]!.id;
        const result = await call(disableRoute, { method: "POST", path: `/api/v1/servers/${world.serverX.id}/tools/${toolId}/disable`, params: { id: world.serverX.id, toolId }, bearer: world.owner.token, body: {} });
        expect(result.status).toBe(200);
      },
      (world) => [`${world.agents.operator.id} wipe-x`],
    ],
    [
      "a granted tool is no longer reported",
      async (world) => {
        const list = Object.entries(X_TOOLS).filter(([name]) => name !== "purge-x").map(([name, tier]) => reported(name, HINTS[tier]));
        const proposal = await upload(world.serverX.id, world.owner, { tools: list });
        expect((await apply(world.serverX.id, world.owner, proposal.body.id)).status).toBe(200);
      },
      (world) => [`${world.agents.operator.id} wipe-x`],
    ],
    ["the agent is suspended", async (world) => expectOk(await lifecycle("suspend", world.agents.operator.id, world.admin, { reason: "investigating" })), () => []],
    ["the agent is revoked", async (world) => expectOk(await lifecycle("revoke", world.agents.operator.id, world.admin, { reason: "retired" })), () => []],
    ["the server is suspended", async (world) => expectOk(await lifecycle("suspend", world.serverX.id, world.admin, { reason: "incident" })), () => []],
    [
      "the grant is revoked",
      async (world) => {
        const grantId = world.grants.operator.body.id;
        expectOk(await call(revokeGrantRoute, { method: "POST", path: `/api/v1/grants/${grantId}/revoke`, params: { id: grantId }, bearer: world.owner.token, body: { reason: "no longer needed" } }));
      },
      () => [],
    ],
    [
      "the grant expires",
      async (world) => {
        await db().grant.update({ where: { id: world.grants.operator.body.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      },
      () => [],
    ],
  ];

  for (const [label, change, remaining] of changes) {
    it(`rows disappear when ${label}`, async () => {
      const world = await setUp();
      expect(await irreversibleOnX(world)).toEqual(operatorRows(world));
      const otherRowsBefore = await effectiveAccess(world.admin, `serverId=${world.serverY.id}`);
      await change(world);
      expect(await irreversibleOnX(world)).toEqual(remaining(world).sort());
      // nothing else is affected: the other server's agent keeps its access
      expect(await effectiveAccess(world.admin, `serverId=${world.serverY.id}`)).toEqual(otherRowsBefore);
    });
  }

  it("resuming a suspended agent restores its rows, since its grant still stands", async () => {
    const world = await setUp();
    expectOk(await lifecycle("suspend", world.agents.operator.id, world.admin, { reason: "investigating" }));
    expect(await irreversibleOnX(world)).toEqual([]);
    expectOk(await lifecycle("resume", world.agents.operator.id, world.admin));
    expect(await irreversibleOnX(world)).toEqual(operatorRows(world));
  });

  it("truncates at the limit and says so", async () => {
    const world = await setUp();
    const result = await call<{ items: unknown[]; truncated: boolean }>(effectiveAccessRoute, { path: `/api/v1/effective-access?serverId=${world.serverX.id}&limit=3`, bearer: world.admin.token });
    expect(result.body.items).toHaveLength(3);
    expect(result.body.truncated).toBe(true);
    const full = await call<{ items: unknown[]; truncated: boolean }>(effectiveAccessRoute, { path: `/api/v1/effective-access?serverId=${world.serverX.id}&limit=4`, bearer: world.admin.token });
    expect(full.body).toMatchObject({ truncated: false });
    const invalid = await call<{ errors: { path: string }[] }>(effectiveAccessRoute, { path: "/api/v1/effective-access?tier=dangerous", bearer: world.admin.token });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors[0]!.path).toBe("query.tier");
  });
});

function expectOk(result: { status: number; text: string }) {
  expect(result.status, result.text).toBe(200);
}
