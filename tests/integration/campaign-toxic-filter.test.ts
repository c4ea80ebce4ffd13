// Campaigns can target "agents with toxic combinations": the toxicCombinations
// filter selects, for identity campaigns, the agents with an open finding of an
// enabled toxic-combination policy, and for grant campaigns their grant scopes
// — and nothing of agents whose finding is resolved or whose policy is disabled.
import { describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { selectTargets } from "@/lib/campaigns/select-targets";
import { ZCampaignFilters } from "@/lib/campaigns/schemas";
import { db } from "@/lib/db/client";
import { createGrant } from "@/lib/grants/create-grant";
import { newId } from "@/lib/ids";
import { seedIdentity } from "@/lib/seed/factories";
import { oauthFixture } from "./helpers/oauth";


async function allTargets(type: "identity" | "grant", filters: unknown) {
  const parsed = ZCampaignFilters.parse(filters);
  const found: string[] = [];
  for (let cursor: string | null = null; ; ) {
    const page = await selectTargets(type, parsed, new Date(), cursor, 100);
    found.push(...page.map((target) => target.targetId));
    if (page.length < 100) return found;
    cursor = page.at(-1)!.targetId;
  }
}

describe("campaign filter toxicCombinations", () => {
  it("selects only agents with an open finding of an enabled policy, and their grants", async () => {
    const f = await oauthFixture();
    const flagged = f.agent;
    const resolved = await seedIdentity({ kind: "agent", owner: f.owner });
    // a policy of this test's own: other test files run against the same database at the same time
    const policy = await db().toxicPolicy.create({ data: { id: newId("toxicPolicy"), name: "Filter test policy", tags: ["reads-private-data", "external-communication"], mode: "warn" } });
    const grant = await createGrant({ actor: SYSTEM_ACTOR, input: { agentId: resolved.id, serverId: f.server.id, toolIds: [f.tool("read_ledger").id], justification: "toxic filter test" } });
    await db().toxicFinding.create({ data: { id: newId("toxicFinding"), agentId: flagged.id, policyId: policy.id, status: "open", tools: {} } });
    await db().toxicFinding.create({ data: { id: newId("toxicFinding"), agentId: resolved.id, policyId: policy.id, status: "resolved", tools: {}, resolvedAt: new Date() } });

    const identities = await allTargets("identity", { kinds: ["agent"], toxicCombinations: true });
    expect(identities).toContain(flagged.id);
    expect(identities).not.toContain(resolved.id);
    const unfiltered = await allTargets("identity", { kinds: ["agent"] });
    expect(unfiltered).toEqual(expect.arrayContaining([flagged.id, resolved.id]));

    const grants = await allTargets("grant", { toxicCombinations: true, serverIds: [f.server.id] });
    expect(grants.sort()).toEqual(f.grant.tools.map((tool) => `${f.grant.id}:${tool.toolId}`).sort());
    expect(grants.some((target) => target.startsWith(grant.id))).toBe(false);

    // a disabled policy's findings do not count
    await db().toxicPolicy.update({ where: { id: policy.id }, data: { enabled: false } });
    expect(await allTargets("identity", { kinds: ["agent"], toxicCombinations: true })).not.toContain(flagged.id);
  });
});
