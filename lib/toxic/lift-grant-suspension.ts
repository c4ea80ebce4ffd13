// Lifts a block-mode suspension of a grant after review (admins). Refused while
// lifting it would give the agent a combination an enabled block-mode policy
// forbids — suspended grants count as held, so the answer does not depend on
// which of several suspended grants is lifted first. Revoke part of the access
// or change the policy first.
import "server-only";
import type { z } from "zod";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { enabledPolicies, loadHeld, lockAgentAccess, reevaluateAgents } from "@/lib/toxic/check";
import { violationsOf } from "@/lib/toxic/evaluate";
import { ZLiftSuspensionInput, type TLiftedSuspension } from "@/lib/toxic/schemas";

export async function liftGrantSuspension(options: { actor: Actor; grantId: string; input: z.input<typeof ZLiftSuspensionInput>; context?: RequestContext | null }): Promise<TLiftedSuspension> {
  const { actor, grantId, context } = options;
  assertCan(actor, "grants:manage");
  const { reason } = ZLiftSuspensionInput.parse(options.input);
  return transact(async (tx) => {
    const found = await tx.grant.findUnique({ where: { id: grantId }, select: { agentId: true } });
    if (!found) throw notFound("Grant");
    await lockAgentAccess(tx, found.agentId);
    // read again under the lock: a concurrent change of this agent's access has committed by now
    const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId }, include: { tools: { where: { revokedAt: null }, select: { toolId: true, scope: true } } } });
    if (grant.revokedAt) throw conflict("This grant is revoked; there is nothing to lift", [{ path: "grantId", message: "revoked" }]);
    if (!grant.suspendedAt) throw conflict("This grant is not suspended", [{ path: "grantId", message: "not suspended" }]);
    const mine = new Set(grant.tools.map((tool) => tool.toolId));
    const blocking = (await enabledPolicies(tx)).filter((policy) => policy.mode === "block");
    const held = (await loadHeld(tx, [grant.agentId])).get(grant.agentId) ?? [];
    const still = violationsOf(blocking, held).filter((violation) => Object.values(violation.tools).some((tools) => tools.some((tool) => mine.has(tool.toolId))));
    if (still.length) {
      throw conflict(
        `Lifting this suspension would give the agent a blocked combination again — ${still.map((violation) => violation.explanation).join("; ")}. Revoke part of that access or change the policy first`,
        still.map((violation) => ({ path: "grantId", message: violation.explanation })),
      );
    }
    const liftedAt = new Date();
    await tx.grant.update({ where: { id: grantId }, data: { suspendedAt: null, suspendedReason: null } });
    await appendAuditEvent(tx, {
      action: "grant.unsuspended",
      actor: actorRef(actor),
      target: { type: "grant", id: grantId },
      details: { agentId: grant.agentId, serverId: grant.serverId, scopes: grant.tools.map((tool) => tool.scope), suspendedAt: grant.suspendedAt.toISOString(), suspendedReason: grant.suspendedReason, reason },
      context,
      at: liftedAt,
    });
    // warn and require-approval findings stay as they are; this refreshes their tools
    await reevaluateAgents(tx, [grant.agentId], `suspension of ${grantId} lifted`);
    return { grantId, agentId: grant.agentId, serverId: grant.serverId, scopes: grant.tools.map((tool) => tool.scope), suspendedAt: grant.suspendedAt.toISOString(), liftedAt: liftedAt.toISOString() };
  });
}
