// Applies a reviewed proposal: new tools arrive unclassified (denied until an
// owner approves a tier), changed tools are updated — an approved tool whose
// description, schema or annotations changed becomes unclassified again
// (drift) — and tools missing from a complete list are marked removed. The
// change becomes the next catalog version, audited in the same transaction.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { proposeToolCapabilities } from "@/lib/capabilities/propose-tool-capabilities";
import { scopeFor } from "@/lib/catalog/classify";
import { diffCatalog, isEmptyCatalogDiff, reportedFields } from "@/lib/catalog/diff";
import { presentProposal } from "@/lib/catalog/present";
import type { TProposal, TReportedTool } from "@/lib/catalog/schemas";
import { currentCatalogVersion, loadServerForCatalog } from "@/lib/catalog/server-for-catalog";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";

export async function applyProposal(options: { actor: Actor; serverId: string; proposalId: string; context?: RequestContext | null }): Promise<TProposal & { version: number | null }> {
  const { actor, serverId, proposalId, context } = options;
  assertCan(actor, "identities:register");
  return transact(async (tx) => {
    const server = await loadServerForCatalog(tx, actor, serverId);
    const proposal = await tx.catalogProposal.findFirst({ where: { id: proposalId, serverId } });
    if (!proposal) throw notFound("Catalog proposal");
    if (proposal.status !== "open") throw conflict(`This proposal was already ${proposal.status}`);
    const base = await currentCatalogVersion(tx, serverId);
    if (base !== proposal.baseVersion) throw conflict("The catalog changed since this proposal was made; review a fresh proposal");

    const reported = (proposal.tools as { tools: TReportedTool[] }).tools;
    const current = await tx.tool.findMany({ where: { serverId } });
    const diff = diffCatalog(current as never, reported, proposal.mode as "merge" | "replace");
    const now = new Date();
    const byName = new Map(current.map((tool) => [tool.name, tool]));
    for (const tool of reported) {
      const fields = reportedFields(tool);
      const existing = byName.get(tool.name);
      const data = {
        title: fields.title,
        description: fields.description,
        inputSchema: tool.inputSchema as object,
        inputSchemaHash: fields.inputSchemaHash,
        annotations: (tool.annotations ?? undefined) as object | undefined,
        proposedTier: fields.proposedTier,
      };
      if (!existing) {
        await tx.tool.create({ data: { id: newId("tool"), serverId, name: tool.name, scope: scopeFor(server.slug, tool.name), status: "unclassified", ...data } });
        continue;
      }
      const added = diff.added.some((item) => item.name === tool.name);
      const changed = diff.changed.find((item) => item.name === tool.name);
      if (!added && !changed) continue;
      // a tool that reappears, or an approved tool that drifted, needs review
      // again; a disabled one stays disabled, but is marked so enabling it
      // does not restore the approval
      const review = added || changed?.drift;
      await tx.tool.update({
        where: { id: existing.id },
        data: {
          ...data,
          removedAt: null,
          ...(review ? { driftedAt: existing.approvedAt ? now : null, ...(existing.status !== "disabled" ? { status: "unclassified" as const } : {}) } : {}),
        },
      });
    }
    for (const removed of diff.removed) {
      await tx.tool.update({ where: { serverId_name: { serverId, name: removed.name } }, data: { removedAt: now } });
    }
    let version: number | null = null;
    if (!isEmptyCatalogDiff(diff)) {
      version = base + 1;
      await tx.catalogVersion.create({ data: { id: newId("catalogVersion"), serverId, version, source: proposal.source, diff: diff as object, proposalId, createdById: actor.userId } });
      await appendAuditEvent(tx, {
        action: "catalog.changed",
        actor: actorRef(actor),
        target: { type: "server", id: serverId },
        details: {
          version,
          proposalId,
          source: proposal.source,
          added: diff.added.map((tool) => tool.name),
          removed: diff.removed.map((tool) => tool.name),
          changed: diff.changed.map((tool) => tool.name),
          drifted: diff.changed.filter((tool) => tool.drift).map((tool) => tool.name),
        },
        context,
      });
    }
    // capability tags for new and changed tools, proposed for an owner to approve (issue 11)
    await proposeToolCapabilities(tx, { actor, server, diff, context });
    const decided = await tx.catalogProposal.update({ where: { id: proposalId }, data: { status: "applied", diff: diff as object, decidedById: actor.userId, decidedAt: now } });
    return { ...presentProposal(decided), version };
  });
}
