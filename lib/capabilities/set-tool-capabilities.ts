// The owners of a server (primary or backup) or an admin set a tool's approved
// capability tags: the request names the complete approved set (approving the
// proposals it names, adding others as manual tags, removing approved tags it
// leaves out) and the proposals to reject. A change of the approved set
// re-evaluates, in the same transaction, every agent holding the tool against
// the toxic-combination policies: the agents it newly flags are returned for review.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { presentToolCapability } from "@/lib/capabilities/present";
import { ZSetToolCapabilitiesInput, type TSetToolCapabilitiesInput, type TSetToolCapabilitiesResult } from "@/lib/capabilities/schemas";
import { loadServerForCatalog } from "@/lib/catalog/server-for-catalog";
import { chunks } from "@/lib/db/chunks";
import { transact } from "@/lib/db/transaction";
import { invalid, notFound, type FieldIssue } from "@/lib/errors/app-error";
import { agentsHoldingTools, reevaluateAgents } from "@/lib/toxic/check";

const unique = (values: string[]) => [...new Set(values)];

export async function setToolCapabilities(options: {
  actor: Actor;
  serverId: string;
  toolId: string;
  input: TSetToolCapabilitiesInput;
  context?: RequestContext | null;
}): Promise<TSetToolCapabilitiesResult> {
  const { actor, serverId, toolId, context } = options;
  const parsed = ZSetToolCapabilitiesInput.parse(options.input);
  const desired = unique(parsed.tags);
  const reject = unique(parsed.reject);
  return transact(async (tx) => {
    await loadServerForCatalog(tx, actor, serverId);
    const tool = await tx.tool.findFirst({ where: { id: toolId, serverId }, include: { capabilities: true } });
    if (!tool) throw notFound("Tool");
    const defined = new Set((await tx.capabilityTag.findMany({ where: { tag: { in: [...desired, ...reject] } }, select: { tag: true } })).map((row) => row.tag));
    const current = new Map(tool.capabilities.map((row) => [row.tag, row]));
    const issues: FieldIssue[] = [];
    parsed.tags.forEach((tag, index) => {
      if (!defined.has(tag)) issues.push({ path: `tags.${index}`, message: `"${tag}" is not a defined capability tag` });
    });
    parsed.reject.forEach((tag, index) => {
      if (desired.includes(tag)) issues.push({ path: `reject.${index}`, message: `"${tag}" is also in tags: approve it or reject it` });
      else if (current.get(tag)?.status !== "proposed") issues.push({ path: `reject.${index}`, message: `"${tag}" is not a proposed tag of ${tool.name}` });
    });
    if (issues.length) throw invalid("Some tags cannot be set on this tool", issues);

    const before = tool.capabilities.filter((row) => row.status === "approved").map((row) => row.tag).sort();
    const added = desired.filter((tag) => current.get(tag)?.status !== "approved").sort();
    const removed = before.filter((tag) => !desired.includes(tag));
    const now = new Date();
    for (const tag of added) {
      const approval = { status: "approved", approvedAt: now, approvedById: actor.userId };
      // an approved proposal keeps its source and reason; anything else is the reviewer's own tag
      if (current.has(tag)) await tx.toolCapability.update({ where: { toolId_tag: { toolId, tag } }, data: approval });
      else await tx.toolCapability.create({ data: { toolId, tag, source: "manual", reason: null, proposedAt: now, ...approval } });
    }
    if (removed.length || reject.length) await tx.toolCapability.deleteMany({ where: { toolId, tag: { in: [...removed, ...reject] } } });
    const after = [...before.filter((tag) => !removed.includes(tag)), ...added].sort();
    const changed = added.length > 0 || removed.length > 0 || reject.length > 0;

    if (changed) {
      // the cause first in the audit chain; the re-evaluation records what it finds (findings, suspensions) after it
      await appendAuditEvent(tx, {
        action: "catalog.tool_tags_changed",
        actor: actorRef(actor),
        target: { type: "server", id: serverId },
        details: {
          toolId,
          tool: tool.name,
          scope: tool.scope,
          before,
          after,
          added,
          removed,
          rejected: reject.map((tag) => ({ tag, source: current.get(tag)!.source, reason: current.get(tag)!.reason })),
          approvedProposals: added.filter((tag) => current.has(tag)),
        },
        context,
      });
    }
    let holders: string[] = [];
    let flagged: string[] = [];
    if (added.length || removed.length) {
      holders = await agentsHoldingTools(tx, [toolId]);
      flagged = await reevaluateAgents(tx, holders, `The capability tags of ${tool.name} changed (${[...added.map((tag) => `+${tag}`), ...removed.map((tag) => `-${tag}`)].join(", ")})`);
    }
    // every holder can be flagged: read them in slices (SQLite's 999 bound parameters) and sort by name here
    const flaggedAgents: { id: string; name: string }[] = [];
    for (const slice of chunks(flagged)) flaggedAgents.push(...(await tx.identity.findMany({ where: { id: { in: slice } }, select: { id: true, name: true } })));
    flaggedAgents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const rows = await tx.toolCapability.findMany({ where: { toolId }, orderBy: { tag: "asc" } });
    return { toolId, capabilities: rows.map(presentToolCapability), changed, added, removed, rejected: reject, reevaluatedAgents: holders.length, flaggedAgents };
  });
}
