// Disabling a tool denies it at once whatever its tier (e.g. while an incident
// is investigated); enabling it restores the approval only if the tool still
// matches what was approved, otherwise it needs review again.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { fingerprint, type Annotations } from "@/lib/catalog/classify";
import { presentTool } from "@/lib/catalog/present";
import type { TCatalogDiff, TTool } from "@/lib/catalog/schemas";
import { currentCatalogVersion, loadServerForCatalog } from "@/lib/catalog/server-for-catalog";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";

export async function setToolEnabled(options: { actor: Actor; serverId: string; toolId: string; enabled: boolean; reason?: string; context?: RequestContext | null }): Promise<TTool> {
  const { actor, serverId, toolId, enabled, context } = options;
  return transact(async (tx) => {
    await loadServerForCatalog(tx, actor, serverId);
    const tool = await tx.tool.findFirst({ where: { id: toolId, serverId } });
    if (!tool) throw notFound("Tool");
    if (enabled && tool.status !== "disabled") throw conflict(`${tool.name} is not disabled`);
    if (!enabled && tool.status === "disabled") throw conflict(`${tool.name} is already disabled`);
    // a tool that drifted or came back since its approval (driftedAt) awaits
    // review; enabling it must not approve it
    const stillApproved =
      enabled &&
      tool.tier !== null &&
      tool.driftedAt === null &&
      tool.approvedFingerprint === fingerprint({ description: tool.description, inputSchemaHash: tool.inputSchemaHash, annotations: tool.annotations as Annotations | null });
    const status = !enabled ? "disabled" : stillApproved ? "approved" : "unclassified";
    const updated = await tx.tool.update({ where: { id: toolId }, data: { status } });
    const version = (await currentCatalogVersion(tx, serverId)) + 1;
    const diff: TCatalogDiff = { added: [], removed: [], changed: [], reclassified: [{ name: tool.name, from: { status: tool.status, tier: tool.tier }, to: { status, tier: tool.tier } }], unchanged: 0 };
    await tx.catalogVersion.create({ data: { id: newId("catalogVersion"), serverId, version, source: "review", diff: diff as object, createdById: actor.userId } });
    await appendAuditEvent(tx, {
      action: enabled ? "catalog.tool_enabled" : "catalog.tool_disabled",
      actor: actorRef(actor),
      target: { type: "server", id: serverId },
      details: { version, tool: tool.name, scope: tool.scope, toolId, from: tool.status, to: status, reason: options.reason ?? null },
      context,
    });
    return presentTool(updated);
  });
}
