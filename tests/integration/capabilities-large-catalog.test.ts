// Capability proposals for a new server's first catalog of 1,000 tools (the most
// a proposal takes). The tools to propose tags for were once read with their
// 1,000 names as one `in` list (plus an order), which SQLite refuses past 999
// bound parameters (P2029): applying the catalog failed.
import { describe, expect, it } from "vitest";
import { applyProposal } from "@/lib/catalog/apply-proposal";
import { createProposal } from "@/lib/catalog/create-proposal";
import { db } from "@/lib/db/client";
import { seedIdentity } from "@/lib/seed/factories";
import { principal } from "./helpers/registry";

const TOOLS = 1_000;
const name = (i: number) => `tool_${String(i).padStart(4, "0")}`;
// every 100th tool sends mail: external-communication is proposed for those 10 only
const SENDS = Array.from({ length: TOOLS / 100 }, (_, i) => i * 100 + 37);

describe("capability proposals for a 1,000-tool catalog", () => {
  it("proposes tags for every added tool that matches a rule, in name order", async () => {
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner, environment: "staging" });
    // reported in reverse name order: the proposals still come out in name order
    const tools = Array.from({ length: TOOLS }, (_, j) => TOOLS - 1 - j).map((i) => ({
      name: name(i),
      inputSchema: { type: "object" },
      ...(SENDS.includes(i) ? { description: "Sends an email to any address" } : { description: "Adds two numbers" }),
      annotations: { readOnlyHint: !SENDS.includes(i) },
    }));
    const proposal = await createProposal({ actor: owner.actor, serverId: server.id, input: { source: "manual", tools } });
    const applied = await applyProposal({ actor: owner.actor, serverId: server.id, proposalId: proposal.id });
    expect(applied.version).not.toBeNull();
    expect(await db().tool.count({ where: { serverId: server.id } })).toBe(TOOLS);

    const rows = await db().toolCapability.findMany({ where: { tool: { serverId: server.id } }, select: { tag: true, status: true, tool: { select: { name: true } } } });
    expect(rows.map((row) => [row.tool.name, row.tag, row.status]).sort()).toEqual(SENDS.map((i) => [name(i), "external-communication", "proposed"]));
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "catalog.tool_tags_proposed", targetId: server.id } });
    expect((event.details as { tools: { tool: string; proposed: string[] }[] }).tools.map((tool) => [tool.tool, tool.proposed])).toEqual(SENDS.map((i) => [name(i), ["external-communication"]]));
  }, 60_000);
});
