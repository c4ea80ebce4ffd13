// Owners and admins approve tools at a tier (or reclassify them). Approval
// records a fingerprint of what was approved, so later changes are caught as
// drift. The decisions become a catalog version listing each reclassification.
import "server-only";
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { fingerprint, type Annotations } from "@/lib/catalog/classify";
import { presentTool } from "@/lib/catalog/present";
import { ZReviewInput, type TCatalogDiff, type TTool } from "@/lib/catalog/schemas";
import { currentCatalogVersion, loadServerForCatalog } from "@/lib/catalog/server-for-catalog";
import { transact } from "@/lib/db/transaction";
import { agentsHoldingTools, reevaluateAgents } from "@/lib/toxic/check";
import { invalid } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";

export async function reviewTools(options: { actor: Actor; serverId: string; input: z.input<typeof ZReviewInput>; context?: RequestContext | null }): Promise<{ tools: TTool[]; version: number | null }> {
  const { actor, serverId, context } = options;
  const input = ZReviewInput.parse(options.input);
  return transact(async (tx) => {
    await loadServerForCatalog(tx, actor, serverId);
    const ids = input.decisions.map((decision) => decision.toolId);
    if (new Set(ids).size !== ids.length) throw invalid("Each tool can be decided once per review", [{ path: "decisions", message: "a tool appears twice" }]);
    const tools = await tx.tool.findMany({ where: { id: { in: ids }, serverId } });
    const issues = input.decisions.flatMap((decision, index) => {
      const tool = tools.find((candidate) => candidate.id === decision.toolId);
      if (!tool) return [{ path: `decisions.${index}.toolId`, message: "not a tool of this server" }];
      if (tool.removedAt) return [{ path: `decisions.${index}.toolId`, message: `${tool.name} is no longer reported by the server` }];
      // approving must not silently undo a deliberate disable
      if (tool.status === "disabled") return [{ path: `decisions.${index}.toolId`, message: `${tool.name} is disabled; enable it first` }];
      return [];
    });
    if (issues.length) throw invalid("Some decisions name tools that cannot be approved", issues);
    const now = new Date();
    const reclassified: TCatalogDiff["reclassified"] = [];
    const updated = [];
    for (const decision of input.decisions) {
      const tool = tools.find((candidate) => candidate.id === decision.toolId)!;
      const current = fingerprint({ description: tool.description, inputSchemaHash: tool.inputSchemaHash, annotations: tool.annotations as Annotations | null });
      if (tool.status === "approved" && tool.tier === decision.tier && tool.approvedFingerprint === current) {
        updated.push(tool);
        continue;
      }
      reclassified.push({ name: tool.name, from: { status: tool.status, tier: tool.tier }, to: { status: "approved", tier: decision.tier } });
      updated.push(
        await tx.tool.update({
          where: { id: tool.id },
          data: {
            status: "approved",
            tier: decision.tier,
            approvedFingerprint: current,
            approvedSnapshot: { title: tool.title, description: tool.description, inputSchemaHash: tool.inputSchemaHash, inputSchema: tool.inputSchema as object, annotations: (tool.annotations ?? null) as object | null },
            approvedById: actor.userId,
            approvedAt: now,
            driftedAt: null,
          },
        }),
      );
    }
    let version: number | null = null;
    if (reclassified.length > 0) {
      version = (await currentCatalogVersion(tx, serverId)) + 1;
      const diff: TCatalogDiff = { added: [], removed: [], changed: [], reclassified, unchanged: 0 };
      await tx.catalogVersion.create({ data: { id: newId("catalogVersion"), serverId, version, source: "review", diff: diff as object, createdById: actor.userId } });
      await appendAuditEvent(tx, {
        action: "catalog.tools_reviewed",
        actor: actorRef(actor),
        target: { type: "server", id: serverId },
        details: { version, decisions: reclassified.map((item) => ({ tool: item.name, from: item.from, to: item.to })) },
        context,
      });
      // a reclassification can approve a tool whose capability tags complete a toxic combination for agents that hold it
      const toolIds = updated.filter((tool) => reclassified.some((item) => item.name === tool.name)).map((tool) => tool.id);
      await reevaluateAgents(tx, await agentsHoldingTools(tx, toolIds), `catalog review of server ${serverId}, version ${version}`);
    }
    return { tools: updated.map(presentTool), version };
  });
}
