// Grants an agent tool scopes on one server (admins). Every tool must be an
// approved tool of that server; shortcuts ("all read tools") expand to the
// approved tools at this moment, so tools added later are never granted
// implicitly. Suspended or revoked agents and servers get nothing, and a scope
// the agent already holds through an active grant is refused.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import type { ToolTier } from "@/lib/catalog/classify";
import { transact } from "@/lib/db/transaction";
import { conflict, invalid } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";
import { GRANT_INCLUDE, presentGrant } from "@/lib/grants/present";
import { ZCreateGrantInput, type TCreateGrantInput, type TGrant } from "@/lib/grants/schemas";

const SHORTCUT_TIERS: Record<string, ToolTier[]> = { "all-read": ["read"], "all-read-write": ["read", "write"], all: ["read", "write", "irreversible"] };
const USABLE = ["pending", "active"];

export async function createGrant(options: { actor: Actor; input: TCreateGrantInput; context?: RequestContext | null; now?: Date }): Promise<TGrant> {
  const { actor, context } = options;
  assertCan(actor, "grants:manage");
  const input = ZCreateGrantInput.parse(options.input);
  const now = options.now ?? new Date();
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw invalid("The expiry must be in the future", [{ path: "expiresAt", message: "must be in the future" }]);
  const row = await transact(async (tx) => {
    // sequential: a transaction is one connection, and pg refuses overlapping queries on it
    const agent = await tx.identity.findUnique({ where: { id: input.agentId }, select: { kind: true, status: true } });
    const server = await tx.identity.findUnique({ where: { id: input.serverId }, select: { kind: true, status: true } });
    if (!agent || agent.kind !== "agent") throw invalid("The agent does not exist", [{ path: "agentId", message: "no such agent" }]);
    if (!USABLE.includes(agent.status)) throw conflict(`The agent is ${agent.status}; grants to it are refused`, [{ path: "agentId", message: `agent is ${agent.status}` }]);
    if (!server || server.kind !== "server") throw invalid("The MCP server does not exist", [{ path: "serverId", message: "no such server" }]);
    if (!USABLE.includes(server.status)) throw conflict(`The MCP server is ${server.status}; grants on it are refused`, [{ path: "serverId", message: `server is ${server.status}` }]);

    const tools = input.shortcut
      ? await tx.tool.findMany({ where: { serverId: input.serverId, status: "approved", removedAt: null, tier: { in: SHORTCUT_TIERS[input.shortcut] } }, orderBy: { name: "asc" } })
      : await tx.tool.findMany({ where: { id: { in: input.toolIds! } } });
    if (input.shortcut && tools.length === 0) throw invalid(`The server has no approved tools for "${input.shortcut}"`, [{ path: "shortcut", message: "matches no approved tool" }]);
    if (input.toolIds) {
      const issues = input.toolIds.flatMap((toolId, index) => {
        const tool = tools.find((candidate) => candidate.id === toolId);
        if (!tool || tool.serverId !== input.serverId) return [{ path: `toolIds.${index}`, message: "not a tool of this server" }];
        if (tool.removedAt) return [{ path: `toolIds.${index}`, message: `${tool.name} is no longer reported by the server` }];
        if (tool.status !== "approved") return [{ path: `toolIds.${index}`, message: `${tool.name} is ${tool.status}; only approved tools can be granted` }];
        return [];
      });
      if (issues.length) throw invalid("Some tools cannot be granted", issues);
    }
    const held = await tx.grantTool.findMany({
      where: { toolId: { in: tools.map((tool) => tool.id) }, revokedAt: null, grant: { agentId: input.agentId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } },
      select: { scope: true, grantId: true },
    });
    if (held.length) throw conflict("The agent already holds some of these scopes", held.map((item) => ({ path: "toolIds", message: `${item.scope} is already granted by ${item.grantId}` })));

    const created = await tx.grant.create({
      data: {
        id: newId("grant"),
        agentId: input.agentId,
        serverId: input.serverId,
        justification: input.justification,
        expiresAt,
        grantedById: actor.userId,
        tools: { create: tools.map((tool) => ({ toolId: tool.id, scope: tool.scope })) },
      },
      include: GRANT_INCLUDE,
    });
    await appendAuditEvent(tx, {
      action: "grant.created",
      actor: actorRef(actor),
      target: { type: "grant", id: created.id },
      details: {
        agentId: input.agentId,
        serverId: input.serverId,
        scopes: tools.map((tool) => tool.scope),
        tiers: Object.fromEntries(tools.map((tool) => [tool.name, tool.tier])),
        shortcut: input.shortcut ?? null,
        justification: input.justification,
        expiresAt: expiresAt?.toISOString() ?? null,
      },
      context,
    });
    return created;
  });
  return presentGrant(row, now);
}
