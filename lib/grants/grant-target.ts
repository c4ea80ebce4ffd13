// What a grant or an access request is for, checked inside the caller's
// transaction: a usable agent and server, approved tools of that server (a
// shortcut expands to the approved tools of its tiers now), no scope the agent
// already holds and no tool an open request already asks for. Shared by direct
// grants, access requests and the final approval of a request (which checks
// again: the state may have changed since the request was made).
import "server-only";
import type { ToolTier } from "@/lib/catalog/classify";
import type { Tx } from "@/lib/db/transaction";
import { conflict, invalid, type FieldIssue } from "@/lib/errors/app-error";

const SHORTCUT_TIERS: Record<string, ToolTier[]> = { "all-read": ["read"], "all-read-write": ["read", "write"], all: ["read", "write", "irreversible"] };
const USABLE = ["pending", "active"];

export type TargetIdentity = { id: string; name: string; slug: string; status: string; environment: string; ownerId: string; backupOwnerId: string | null };
export type TargetTool = { id: string; name: string; scope: string; tier: ToolTier | null };
export type GrantTarget = { agent: TargetIdentity; server: TargetIdentity; tools: TargetTool[] };

const IDENTITY_SELECT = { id: true, kind: true, name: true, slug: true, status: true, environment: true, ownerId: true, backupOwnerId: true } as const;

/** Loads and checks the agent, the server and the tools; throws 422 (bad ids, tools) or 409 (unusable identities, held scopes, open requests). */
export async function loadGrantTarget(
  tx: Tx,
  input: { agentId: string; serverId: string; toolIds?: string[]; shortcut?: string; now: Date; ignoreRequestId?: string },
): Promise<GrantTarget> {
  // sequential: a transaction is one connection, and pg refuses overlapping queries on it
  const agent = await tx.identity.findUnique({ where: { id: input.agentId }, select: IDENTITY_SELECT });
  const server = await tx.identity.findUnique({ where: { id: input.serverId }, select: IDENTITY_SELECT });
  if (!agent || agent.kind !== "agent") throw invalid("The agent does not exist", [{ path: "agentId", message: "no such agent" }]);
  if (!USABLE.includes(agent.status)) throw conflict(`The agent is ${agent.status}; access for it is refused`, [{ path: "agentId", message: `agent is ${agent.status}` }]);
  if (!server || server.kind !== "server") throw invalid("The MCP server does not exist", [{ path: "serverId", message: "no such server" }]);
  if (!USABLE.includes(server.status)) throw conflict(`The MCP server is ${server.status}; access on it is refused`, [{ path: "serverId", message: `server is ${server.status}` }]);

  const rows = input.shortcut
    ? await tx.tool.findMany({ where: { serverId: input.serverId, status: "approved", removedAt: null, tier: { in: SHORTCUT_TIERS[input.shortcut] } }, orderBy: { name: "asc" } })
    : await tx.tool.findMany({ where: { id: { in: input.toolIds ?? [] } } });
  if (input.shortcut && rows.length === 0) throw invalid(`The server has no approved tools for "${input.shortcut}"`, [{ path: "shortcut", message: "matches no approved tool" }]);
  if (input.toolIds) {
    const issues = input.toolIds.flatMap((toolId, index) => {
      const tool = rows.find((candidate) => candidate.id === toolId);
      if (!tool || tool.serverId !== input.serverId) return [{ path: `toolIds.${index}`, message: "not a tool of this server" }];
      if (tool.removedAt) return [{ path: `toolIds.${index}`, message: `${tool.name} is no longer reported by the server` }];
      if (tool.status !== "approved") return [{ path: `toolIds.${index}`, message: `${tool.name} is ${tool.status}; only approved tools can be granted` }];
      return [];
    });
    if (issues.length) throw invalid("Some tools cannot be granted", issues);
  }
  const order = [...new Set(input.toolIds ?? rows.map((tool) => tool.id))];
  const pathOf = (toolId: string) => `toolIds.${order.indexOf(toolId)}`;
  const tools = order.map((toolId) => rows.find((tool) => tool.id === toolId)!).map((tool) => ({ id: tool.id, name: tool.name, scope: tool.scope, tier: tool.tier }));

  const held = await tx.grantTool.findMany({
    where: { toolId: { in: tools.map((tool) => tool.id) }, revokedAt: null, grant: { agentId: input.agentId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: input.now } }] } },
    select: { scope: true, grantId: true, toolId: true, grant: { select: { suspendedAt: true } } },
  });
  if (held.length) {
    const issues: FieldIssue[] = held.map((item) => ({ path: input.shortcut ? "toolIds" : pathOf(item.toolId), message: `${item.scope} is already granted by ${item.grantId}${item.grant.suspendedAt ? " (suspended)" : ""}` }));
    throw conflict("The agent already holds some of these scopes", issues);
  }
  const open = await tx.accessRequestTool.findMany({
    where: { toolId: { in: tools.map((tool) => tool.id) }, request: { agentId: input.agentId, status: "pending", expiresAt: { gt: input.now }, ...(input.ignoreRequestId ? { id: { not: input.ignoreRequestId } } : {}) } },
    select: { toolId: true, scope: true, requestId: true },
  });
  if (open.length) {
    const issues: FieldIssue[] = open.map((item) => ({ path: input.shortcut ? "toolIds" : pathOf(item.toolId), message: `${item.scope} is already asked for by the pending request ${item.requestId}` }));
    throw conflict("A pending access request already asks for some of these tools", issues);
  }
  return { agent, server, tools };
}
