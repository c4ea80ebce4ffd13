// Campaign filters naming servers and owners: target queries bind both lists in
// one statement, so their total is capped (MAX_FILTER_IDS). Each list alone was
// capped at 500, which let 500 servers and 500 owners through; launching such a
// campaign failed on SQLite (more than 999 bound parameters, P2029). At the cap,
// with every other filter set, the launch counts the targets exactly.
import { describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { MAX_FILTER_IDS } from "@/lib/campaigns/schemas";
import { updateCampaign } from "@/lib/campaigns/update-campaign";
import { TOOL_TIERS } from "@/lib/catalog/tiers";
import { db } from "@/lib/db/client";
import { ENVIRONMENTS, RISK_TIERS } from "@/lib/identities/kinds";
import { newId } from "@/lib/ids";
import { seedIdentity, seedUser } from "@/lib/seed/factories";
import { refusal } from "./helpers/refusal";

const dueAt = () => new Date(Date.now() + 14 * 86_400_000).toISOString();
const fake = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}_${String(i).padStart(26, "0")}`);

describe("campaign filters naming servers and owners", () => {
  it("launch at the cap and count exactly; more servers and owners together are refused on create and update", async () => {
    const [admin, owner] = await Promise.all([seedUser({ role: "admin" }), seedUser({ role: "owner" })]);
    const server = await seedIdentity({ kind: "server", owner, environment: "production" });
    const agent = await seedIdentity({ kind: "agent", owner });
    const tools = ["read", "write", "irreversible"].map((tier, i) => ({ id: newId("tool"), serverId: server.id, name: `t${i}`, inputSchema: {}, inputSchemaHash: "ids", proposedTier: tier as "read", tier: tier as "read", status: "approved" as const, scope: `mcp:${server.slug}:t${i}` }));
    await db().tool.createMany({ data: tools });
    const grant = await db().grant.create({ data: { id: newId("grant"), agentId: agent.id, serverId: server.id, justification: "filter ids test" } });
    await db().grantTool.createMany({ data: tools.map((tool) => ({ grantId: grant.id, toolId: tool.id, scope: tool.scope })) });

    const half = MAX_FILTER_IDS / 2;
    // every other filter present (none narrows here), so the statement binds all it can
    const everything = { environments: [...ENVIRONMENTS], riskTiers: [...RISK_TIERS], toolTiers: [...TOOL_TIERS] };
    const atCap = { ...everything, serverIds: [server.id, ...fake("srv", half - 1)], ownerIds: [owner.id, ...fake("usr", half - 1)] };
    for (const [type, expected] of [["grant", 3], ["tool", 3]] as const) {
      const campaign = await createCampaign({ actor: admin.actor, input: { type, name: `At the cap (${type})`, dueAt: dueAt(), filters: { ...atCap, ...(type === "grant" ? { unusedForDays: 30 } : {}) } } });
      expect(await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false })).toMatchObject({ status: "generating", itemsTotal: expected });
    }

    const over = { serverIds: fake("srv", half + 1), ownerIds: fake("usr", half) };
    const refused = await refusal(createCampaign({ actor: admin.actor, input: { type: "grant", name: "Over the cap", dueAt: dueAt(), filters: over } }));
    expect(refused.code).toBe("zod");
    expect(refused.message).toContain(`Name at most ${MAX_FILTER_IDS} servers and owners together`);
    const draft = await createCampaign({ actor: admin.actor, input: { type: "grant", name: "Draft", dueAt: dueAt(), filters: { serverIds: over.serverIds } } });
    expect(await refusal(updateCampaign({ actor: admin.actor, campaignId: draft.id, input: { filters: over } }))).toMatchObject({
      code: "validation_failed",
      issues: [{ path: "filters", message: expect.stringContaining("servers and owners together") }],
    });
    expect((await db().campaign.findUniqueOrThrow({ where: { id: draft.id } })).filters).toEqual({ serverIds: over.serverIds });
  }, 60_000);
});
