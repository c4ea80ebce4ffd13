// A 100,000-item grant campaign on both databases: generation completes, the
// item count is exact, and the memory it holds stays bounded — it works a
// batch at a time, so what it retains does not grow with the campaign.
// Retained heap is sampled after a forced garbage collection while generation
// runs (garbage not yet collected would say nothing about what is held).
// The numbers are printed for the closing note and docs/campaigns.md.
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { generateCampaignItems, GENERATION_BATCH } from "@/lib/campaigns/generate-items";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { db, dbProvider } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { seedIdentity, seedUser, uniqueSuffix } from "@/lib/seed/factories";

const AGENTS = 5_000;
const TOOLS = 20;
const ITEMS = AGENTS * TOOLS;
const CHUNK = 2_000;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await write(rows.slice(start, start + CHUNK));
}

async function seedPopulation() {
  const owner = await seedUser({ role: "owner" });
  const server = await seedIdentity({ kind: "server", owner });
  const suffix = uniqueSuffix();
  const tools = Array.from({ length: TOOLS }, (_, index) => ({
    id: newId("tool"),
    serverId: server.id,
    name: `tool_${index}`,
    inputSchema: {},
    inputSchemaHash: "scale",
    proposedTier: "read" as const,
    tier: "read" as const,
    status: "approved" as const,
    scope: `mcp:${server.slug}:tool_${index}`,
    approvedAt: new Date(),
  }));
  await db().tool.createMany({ data: tools });
  const agents = Array.from({ length: AGENTS }, (_, index) => {
    const slug = `scale-${suffix}-${index}`;
    return { id: newId("agent"), kind: "agent" as const, slug, name: `Scale agent ${index}`, status: "active" as const, ownerId: owner.id, clientId: slug, searchText: slug };
  });
  await inChunks(agents, (chunk) => db().identity.createMany({ data: chunk }));
  const grants = agents.map((agent) => ({ id: newId("grant"), agentId: agent.id, serverId: server.id, justification: "scale test" }));
  await inChunks(grants, (chunk) => db().grant.createMany({ data: chunk }));
  const grantTools = grants.flatMap((grant) => tools.map((tool) => ({ grantId: grant.id, toolId: tool.id, scope: tool.scope })));
  await inChunks(grantTools, (chunk) => db().grantTool.createMany({ data: chunk }));
  return { server };
}

describe("a 100,000-item campaign", () => {
  it("generates every item in batches with bounded memory", async () => {
    const admin = await seedUser({ role: "admin" });
    const { server } = await seedPopulation();
    const campaign = await createCampaign({ actor: admin.actor, input: { type: "grant", name: "Everything on the big server", dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), filters: { serverIds: [server.id] } } });
    expect(await launchCampaign({ actor: admin.actor, campaignId: campaign.id, background: false })).toMatchObject({ status: "generating", itemsTotal: ITEMS });

    gc();
    const baseline = process.memoryUsage();
    let peakHeap = baseline.heapUsed;
    let peakRss = baseline.rss;
    const progress: number[] = [];
    let samples = 0;
    const sampler = setInterval(() => {
      samples += 1;
      gc();
      const usage = process.memoryUsage();
      peakHeap = Math.max(peakHeap, usage.heapUsed);
      peakRss = Math.max(peakRss, usage.rss);
      void db()
        .campaign.findUnique({ where: { id: campaign.id }, select: { itemsGenerated: true } })
        .then((row) => progress.push(row?.itemsGenerated ?? 0));
    }, 500);
    const started = performance.now();
    let written: number;
    try {
      written = await generateCampaignItems(campaign.id);
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;

    expect(written).toBe(ITEMS);
    expect(await db().campaignItem.count({ where: { campaignId: campaign.id } })).toBe(ITEMS);
    expect(await getCampaign({ actor: admin.actor, campaignId: campaign.id })).toMatchObject({ status: "active", itemsTotal: ITEMS, itemsGenerated: ITEMS });
    // progress was visible while it ran: the count moved in batch steps
    expect(progress.some((count) => count > 0 && count < ITEMS)).toBe(true);
    expect(progress.every((count) => count % GENERATION_BATCH === 0)).toBe(true);

    const retainedMb = (peakHeap - baseline.heapUsed) / 1048576;
    const rssMb = (peakRss - baseline.rss) / 1048576;
    const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
    console.log(`[campaign-scale] ${dbProvider()}: ${ITEMS} items in ${seconds.toFixed(1)} s (${Math.round(ITEMS / seconds)} items/s); ${samples} samples; retained heap ${mb(baseline.heapUsed)} MB at start, peak ${mb(peakHeap)} MB (+${retainedMb.toFixed(1)}); RSS ${mb(baseline.rss)} MB at start, peak ${mb(peakRss)} MB (+${rssMb.toFixed(1)})`);
    expect(samples).toBeGreaterThan(5);
    // holding every item's snapshot would need well over 100 MB; one batch of 500 needs about a megabyte
    expect(retainedMb).toBeLessThan(32);
  }, 600_000);
});
