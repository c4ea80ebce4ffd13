// Discards an open proposal; the catalog is unchanged.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { presentProposal } from "@/lib/catalog/present";
import type { TProposal } from "@/lib/catalog/schemas";
import { loadServerForCatalog } from "@/lib/catalog/server-for-catalog";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";

export async function discardProposal(options: { actor: Actor; serverId: string; proposalId: string; context?: RequestContext | null }): Promise<TProposal> {
  const { actor, serverId, proposalId } = options;
  return transact(async (tx) => {
    await loadServerForCatalog(tx, actor, serverId);
    const proposal = await tx.catalogProposal.findFirst({ where: { id: proposalId, serverId } });
    if (!proposal) throw notFound("Catalog proposal");
    if (proposal.status !== "open") throw conflict(`This proposal was already ${proposal.status}`);
    const row = await tx.catalogProposal.update({ where: { id: proposalId }, data: { status: "discarded", decidedById: actor.userId, decidedAt: new Date() } });
    await appendAuditEvent(tx, { action: "catalog.proposal_discarded", actor: actorRef(actor), target: { type: "server", id: serverId }, details: { proposalId }, context: options.context });
    return presentProposal(row);
  });
}
