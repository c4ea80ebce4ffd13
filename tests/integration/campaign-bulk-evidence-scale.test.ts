// A bulk decision over 500 grant-scope items filtered by live usage ("used in
// the last 30 days"). The live evidence once read the 500 (grant, tool) pairs
// in one query with two bound parameters each, which SQLite refuses past 999
// (P2029): the bulk decision failed. Only the 3 used scopes are decided, so
// the test stays fast while the evidence covers all 500.
import { describe, expect, it } from "vitest";
import { bulkDecide } from "@/lib/campaigns/bulk-decide";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { generateCampaignItems } from "@/lib/campaigns/generate-items";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { seedIdentity, seedUser } from "@/lib/seed/factories";

const TOOLS = 500;
const USED = [7, 250, 499];

describe("bulk decisions over 500 grant scopes", () => {
  it("reads the live usage of all 500 and decides the ones used within the window", async () => {
    const [admin, owner] = await Promise.all([seedUser({ role: "admin" }), seedUser({ role: "owner" })]);
    const server = await seedIdentity({ kind: "server", owner });
    const agent = await seedIdentity({ kind: "agent", owner });
    const tools = Array.from({ length: TOOLS }, (_, index) => ({
      id: newId("tool"),
      serverId: server.id,
      name: `tool_${index}`,
      inputSchema: {},
      inputSchemaHash: "bulk",
      proposedTier: "read" as const,
      tier: "read" as const,
      status: "approved" as const,
      scope: `mcp:${server.slug}:tool_${index}`,
      approvedAt: new Date(),
    }));
    await db().tool.createMany({ data: tools });
    const grant = await db().grant.create({ data: { id: newId("grant"), agentId: agent.id, serverId: server.id, justification: "bulk evidence test" } });
    const usedAt = new Date(Date.now() - 86_400_000);
    await db().grantTool.createMany({ data: tools.map((tool, index) => ({ grantId: grant.id, toolId: tool.id, scope: tool.scope, ...(USED.includes(index) ? { lastUsedAt: usedAt, useCount: 2 } : {}) })) });

    const campaign = await createCampaign({ actor: admin.actor, input: { type: "grant", name: "Bulk evidence", dueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(), filters: { ownerIds: [owner.id] } } });
    await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false });
    await generateCampaignItems(campaign.id);
    expect(await db().campaignItem.count({ where: { campaignId: campaign.id } })).toBe(TOOLS);
    const used = await db().campaignItem.findMany({ where: { campaignId: campaign.id, targetId: { in: USED.map((index) => `${grant.id}:${tools[index]!.id}`) } }, select: { id: true }, orderBy: { id: "asc" } });

    const result = await bulkDecide({ actor: owner.actor, input: { decision: "certify", filter: { campaignId: campaign.id, usedWithinDays: 30 } } });
    expect(result).toEqual({ decided: used.map((item) => item.id), refused: [] });
    expect(await db().campaignItem.count({ where: { campaignId: campaign.id, status: "open" } })).toBe(TOOLS - USED.length);
  }, 60_000);
});
