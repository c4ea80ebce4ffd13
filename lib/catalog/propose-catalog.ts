// Records a proposed catalog for an owner to review: from manual entry (merged
// into the catalog), an uploaded tools/list result or live discovery (both a
// complete list: tools missing from it would be removed). Nothing in the
// catalog changes until the proposal is applied.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { diffCatalog } from "@/lib/catalog/diff";
import { presentProposal } from "@/lib/catalog/present";
import { reportedFields } from "@/lib/catalog/diff";
import type { TProposal, TReportedTool } from "@/lib/catalog/schemas";
import { currentCatalogVersion, loadServerForCatalog } from "@/lib/catalog/server-for-catalog";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";

export type ProposalSource = "manual" | "upload" | "discovery";
export type DiscoveryMeta = { server: { name: string; version: string }; protocolVersion: string | null; pages: number };

export async function proposeCatalog(options: {
  actor: Actor;
  serverId: string;
  source: ProposalSource;
  tools: TReportedTool[];
  discovery?: DiscoveryMeta;
  context?: RequestContext | null;
}): Promise<TProposal> {
  const { actor, serverId, source, tools, context } = options;
  const mode = source === "manual" ? "merge" : "replace";
  const row = await transact(async (tx) => {
    await loadServerForCatalog(tx, actor, serverId);
    const current = await tx.tool.findMany({ where: { serverId } });
    const diff = diffCatalog(current as never, tools, mode);
    const baseVersion = await currentCatalogVersion(tx, serverId);
    const stored = {
      tools: tools.map((tool) => ({ ...tool, proposedTier: reportedFields(tool).proposedTier })),
      ...(options.discovery ? { discovery: options.discovery } : {}),
    };
    const created = await tx.catalogProposal.create({
      data: { id: newId("catalogProposal"), serverId, source, mode, tools: stored as object, diff: diff as object, baseVersion, createdById: actor.userId },
    });
    await appendAuditEvent(tx, {
      action: "catalog.proposal_created",
      actor: actorRef(actor),
      target: { type: "server", id: serverId },
      details: {
        proposalId: created.id,
        source,
        tools: tools.length,
        added: diff.added.map((tool) => tool.name),
        removed: diff.removed.map((tool) => tool.name),
        changed: diff.changed.map((tool) => tool.name),
        drifted: diff.changed.filter((tool) => tool.drift).map((tool) => tool.name),
        ...(options.discovery ? { discoveredFrom: options.discovery.server } : {}),
      },
      context,
    });
    return created;
  });
  return presentProposal(row);
}
