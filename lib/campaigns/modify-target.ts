// The "modify" decision: keep the access but change it. A grant scope gets an
// earlier expiry (the grant is narrowed in time — never extended); a tool is
// reclassified to another tier; an identity moves to another primary owner
// ("is the owner right?"). Each change goes through the same audited paths as
// the registry and catalog, so it moves the policy revision and reaches the
// next bundle; and the agents it touches are re-checked against the
// toxic-combination policies (lib/toxic/check.ts). Runs inside the decision's transaction (lib/campaigns/decide-item.ts).
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import type { TDecideItemInput } from "@/lib/campaigns/schemas";
import type { Tx } from "@/lib/db/transaction";
import { conflict, invalid } from "@/lib/errors/app-error";
import { assertActiveUser } from "@/lib/identities/checks";
import { moveOwnership } from "@/lib/identities/transfer-ownership";
import { agentsHoldingTools, reevaluateAfterRemoval, reevaluateAgents } from "@/lib/toxic/check";

type Modify = Extract<TDecideItemInput, { decision: "modify" }>;

export async function modifyTarget(tx: Tx, options: { actor: Actor; item: { targetType: string; targetId: string }; input: Modify; reason: string; now: Date; context?: RequestContext | null }): Promise<Record<string, unknown>> {
  const { actor, item, input, now } = options;
  if (item.targetType === "grant_tool") {
    if (!input.expiresAt) throw invalid("Say when the access should end", [{ path: "expiresAt", message: "required to narrow a grant" }]);
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt <= now) throw invalid("The new expiry must be in the future (revoke to end the access now)", [{ path: "expiresAt", message: "in the past" }]);
    const [grantId] = item.targetId.split(":") as [string, string];
    const grant = await tx.grant.findUnique({ where: { id: grantId }, select: { id: true, agentId: true, serverId: true, expiresAt: true, revokedAt: true } });
    if (!grant || grant.revokedAt) throw conflict("The grant is already revoked");
    if (grant.expiresAt && expiresAt >= grant.expiresAt) throw invalid(`The grant already expires ${grant.expiresAt.toISOString()}: modifying narrows it, it does not extend it`, [{ path: "expiresAt", message: "not earlier than the current expiry" }]);
    await tx.grant.update({ where: { id: grant.id }, data: { expiresAt } });
    await appendAuditEvent(tx, { action: "grant.narrowed", actor: actorRef(actor), target: { type: "grant", id: grant.id }, details: { agentId: grant.agentId, serverId: grant.serverId, expiresAt: expiresAt.toISOString(), previousExpiresAt: grant.expiresAt?.toISOString() ?? null, reason: options.reason }, context: options.context });
    await reevaluateAfterRemoval(tx, [grant.agentId], `campaign decision: grant ${grant.id} narrowed`);
    return { grantId: grant.id, grantExpiresAt: expiresAt.toISOString() };
  }
  if (item.targetType === "tool") {
    if (!input.tier) throw invalid("Choose the tool's new tier", [{ path: "tier", message: "required to reclassify a tool" }]);
    const tool = await tx.tool.findUnique({ where: { id: item.targetId }, select: { id: true, name: true, serverId: true, tier: true, status: true, removedAt: true } });
    if (!tool || tool.removedAt) throw conflict("The tool is no longer in the catalog");
    if (tool.tier === input.tier) throw invalid(`The tool is already ${input.tier}: certify it instead`, [{ path: "tier", message: "unchanged" }]);
    await tx.tool.update({ where: { id: tool.id }, data: { tier: input.tier, approvedAt: now, approvedById: actor.userId, lastCertifiedAt: now } });
    await appendAuditEvent(tx, { action: "catalog.tools_reviewed", actor: actorRef(actor), target: { type: "server", id: tool.serverId }, details: { reclassified: [{ name: tool.name, from: { status: tool.status, tier: tool.tier }, to: { status: tool.status, tier: input.tier } }], reason: options.reason }, context: options.context });
    await reevaluateAgents(tx, await agentsHoldingTools(tx, [tool.id]), `campaign decision: ${tool.name} reclassified as ${input.tier}`);
    return { toolId: tool.id, tierChanged: { from: tool.tier, to: input.tier } };
  }
  if (!input.ownerId) throw invalid("Choose the identity's new owner", [{ path: "ownerId", message: "required to change the owner" }]);
  const identity = await tx.identity.findUnique({ where: { id: item.targetId }, select: { id: true, kind: true, ownerId: true, backupOwnerId: true, status: true } });
  if (!identity) throw conflict("The identity is gone");
  if (identity.ownerId === input.ownerId) throw invalid("That user already owns it: certify it instead", [{ path: "ownerId", message: "unchanged" }]);
  await assertActiveUser(tx, input.ownerId, "ownerId");
  await moveOwnership(tx, { actor, identity, ownerId: input.ownerId, reason: options.reason, via: "campaign", context: options.context });
  return { identityId: identity.id, ownerChanged: { from: identity.ownerId, to: input.ownerId } };
}
