// Proposes capability tags for the tools a catalog change added or whose
// description, annotations or title changed (lib/capabilities/propose.ts has
// the rules), inside the change's transaction. Approved tags are left alone;
// an open proposal is refreshed or, when the rules no longer suggest it,
// withdrawn. Proposals never count in toxic-combination checks.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { proposeCapabilities } from "@/lib/capabilities/propose";
import type { Annotations } from "@/lib/catalog/classify";
import type { TCatalogDiff } from "@/lib/catalog/schemas";
import { chunks } from "@/lib/db/chunks";
import type { Tx } from "@/lib/db/transaction";

const TEXT_FIELDS = ["title", "description", "annotations"];

export async function proposeToolCapabilities(
  tx: Tx,
  options: { actor: Actor; server: { id: string; environment: string }; diff: TCatalogDiff; context?: RequestContext | null },
): Promise<{ tool: string; proposed: string[]; withdrawn: string[] }[]> {
  const { actor, server, diff, context } = options;
  const names = [...diff.added.map((tool) => tool.name), ...diff.changed.filter((tool) => TEXT_FIELDS.some((field) => field in tool.fields)).map((tool) => tool.name)];
  if (names.length === 0) return [];
  // a new server's first discovery adds every tool: names are read 500 at a time (SQLite refuses more than
  // 999 bound parameters in one query), then put in name order here, alike on both databases
  const [slices, known] = await Promise.all([
    Promise.all(chunks(names).map((slice) => tx.tool.findMany({ where: { serverId: server.id, name: { in: slice } }, include: { capabilities: true } }))),
    tx.capabilityTag.findMany({ select: { tag: true } }),
  ]);
  const tools = slices.flat().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const defined = new Set(known.map((row) => row.tag));
  const now = new Date();
  const outcome: { tool: string; toolId: string; proposed: string[]; withdrawn: string[] }[] = [];
  for (const tool of tools) {
    const proposals = proposeCapabilities({ name: tool.name, title: tool.title, description: tool.description, annotations: tool.annotations as Annotations | null, production: server.environment === "production" }).filter((proposal) =>
      defined.has(proposal.tag),
    );
    const proposed: string[] = [];
    for (const proposal of proposals) {
      const existing = tool.capabilities.find((row) => row.tag === proposal.tag);
      if (existing?.status === "approved") continue;
      if (existing && existing.source === proposal.source && existing.reason === proposal.reason) continue;
      const data = { status: "proposed", source: proposal.source, reason: proposal.reason, proposedAt: now };
      await tx.toolCapability.upsert({ where: { toolId_tag: { toolId: tool.id, tag: proposal.tag } }, create: { toolId: tool.id, tag: proposal.tag, ...data }, update: data });
      proposed.push(proposal.tag);
    }
    // open proposals from earlier rules that the tool no longer matches (a manual proposal is never made: manual tags are approved at once)
    const stale = tool.capabilities.filter((row) => row.status === "proposed" && !proposals.some((proposal) => proposal.tag === row.tag)).map((row) => row.tag);
    if (stale.length) await tx.toolCapability.deleteMany({ where: { toolId: tool.id, tag: { in: stale }, status: "proposed" } });
    if (proposed.length || stale.length) outcome.push({ tool: tool.name, toolId: tool.id, proposed, withdrawn: stale });
  }
  if (outcome.length) {
    await appendAuditEvent(tx, {
      action: "catalog.tool_tags_proposed",
      actor: actorRef(actor),
      target: { type: "server", id: server.id },
      details: { tools: outcome },
      context,
    });
  }
  return outcome.map(({ tool, proposed, withdrawn }) => ({ tool, proposed, withdrawn }));
}
