// An agent's capability summary (its page's card): which approved capability
// tags it holds, through which tools, servers and grants (suspended ones
// marked), its open and accepted toxic-combination findings with the
// policies' modes, and the grants a block-mode policy suspended.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { loadHeld } from "@/lib/toxic/check";
import { FINDING_INCLUDE, presentFindings } from "@/lib/toxic/present";
import type { TAgentCapabilities } from "@/lib/toxic/schemas";

export async function getAgentCapabilities(options: { actor: Actor; agentId: string }): Promise<TAgentCapabilities> {
  assertCan(options.actor, "identities:read");
  const { agentId } = options;
  const client = db();
  const agent = await client.identity.findUnique({ where: { id: agentId }, select: { kind: true } });
  if (!agent || agent.kind !== "agent") throw notFound("Agent");
  const held = (await loadHeld(client, [agentId])).get(agentId) ?? [];
  const tagIds = [...new Set(held.flatMap((tool) => tool.tags))].sort();
  const definitions = await client.capabilityTag.findMany({ where: { tag: { in: tagIds } }, select: { tag: true, name: true } });
  const names = new Map(definitions.map((definition) => [definition.tag, definition.name]));
  const findings = await client.toxicFinding.findMany({ where: { agentId, status: { in: ["open", "accepted"] } }, orderBy: { id: "desc" }, include: FINDING_INCLUDE });
  const suspended = await client.grant.findMany({
    where: { agentId, revokedAt: null, suspendedAt: { not: null } },
    orderBy: { id: "asc" },
    select: { id: true, serverId: true, suspendedAt: true, suspendedReason: true, server: { select: { name: true } } },
  });
  return {
    agentId,
    tags: tagIds.map((tag) => ({
      tag,
      name: names.get(tag) ?? tag,
      tools: held
        .filter((tool) => tool.tags.includes(tag) && tool.grantId)
        .map((tool) => ({ toolId: tool.toolId, toolName: tool.toolName, scope: tool.scope, serverId: tool.serverId, serverName: tool.serverName, grantId: tool.grantId!, suspended: tool.suspended }))
        .sort((a, b) => a.serverName.localeCompare(b.serverName) || a.toolName.localeCompare(b.toolName) || a.grantId.localeCompare(b.grantId)),
    })),
    findings: await presentFindings(client, findings),
    suspendedGrants: suspended.map((grant) => ({ id: grant.id, serverId: grant.serverId, serverName: grant.server.name, suspendedAt: grant.suspendedAt!.toISOString(), reason: grant.suspendedReason })),
  };
}
