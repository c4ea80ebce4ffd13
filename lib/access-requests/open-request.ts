// Writes a new pending access request inside the caller's transaction, with
// its audit event and notification: an owner's request (the server's owners
// are told) or an admin's direct grant that waits for a second admin (the
// granting admin is recorded as the owner step; the admins are told).
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { adminUserIds, notifyAccessRequest } from "@/lib/access-requests/notify";
import type { TToxicFindingView } from "@/lib/access-requests/schemas";
import type { Tx } from "@/lib/db/transaction";
import type { GrantTarget } from "@/lib/grants/grant-target";
import { newId } from "@/lib/ids";

const DAY_MS = 86_400_000;

export type OpenRequestInput = {
  actor: Actor & { userId: string };
  origin: "request" | "direct_grant";
  target: GrantTarget;
  justification: string;
  grantDays: number | null;
  secondApprovalRequired: boolean;
  securityApprovalRequired: boolean;
  findings: TToxicFindingView[];
  /** a direct grant's shortcut, recorded in the audit event */
  shortcut?: string | null;
  expiryDays: number;
  now: Date;
  context?: RequestContext | null;
};

/** Creates the request and returns its id. */
export async function openAccessRequest(tx: Tx, input: OpenRequestInput): Promise<string> {
  const { actor, target, now } = input;
  const id = newId("accessRequest");
  const direct = input.origin === "direct_grant";
  await tx.accessRequest.create({
    data: {
      id,
      agentId: target.agent.id,
      serverId: target.server.id,
      requestedById: actor.userId,
      origin: input.origin,
      justification: input.justification,
      grantDays: input.grantDays,
      ownerApprovalRequired: !direct,
      secondApprovalRequired: input.secondApprovalRequired,
      securityApprovalRequired: input.securityApprovalRequired,
      toxicFindings: input.findings.length ? (input.findings as object) : undefined,
      expiresAt: new Date(now.getTime() + input.expiryDays * DAY_MS),
      createdAt: now,
      tools: { create: target.tools.map((tool) => ({ toolId: tool.id, scope: tool.scope, tier: tool.tier })) },
      ...(direct ? { approvals: { create: { id: newId("accessApproval"), step: "owner", approverId: actor.userId, decision: "approved", comment: "Granted directly by an admin", createdAt: now } } } : {}),
    },
  });
  const details = {
    origin: input.origin,
    requestedById: actor.userId,
    agentId: target.agent.id,
    serverId: target.server.id,
    scopes: target.tools.map((tool) => tool.scope),
    tiers: Object.fromEntries(target.tools.map((tool) => [tool.name, tool.tier])),
    justification: input.justification,
    shortcut: input.shortcut ?? null,
    grantDays: input.grantDays,
    secondApprovalRequired: input.secondApprovalRequired,
    securityApprovalRequired: input.securityApprovalRequired,
    toxicFindings: input.findings.map((finding) => ({ policyId: finding.policyId, mode: finding.mode, explanation: finding.explanation })),
  };
  await appendAuditEvent(tx, { action: "access_request.created", actor: actorRef(actor), target: { type: "access_request", id }, details, context: input.context });
  if (direct) {
    await appendAuditEvent(tx, { action: "access_request.approved_step", actor: actorRef(actor), target: { type: "access_request", id }, details: { step: "owner", approverId: actor.userId, requestedById: actor.userId, agentId: target.agent.id, serverId: target.server.id, comment: "Granted directly by an admin" }, context: input.context });
  }
  if (direct) await notifyAccessRequest(tx, { event: "access_request.awaiting_approval", requestId: id, recipientUserIds: await adminUserIds(tx, [actor.userId]), now });
  else {
    const owners = [target.server.ownerId, target.server.backupOwnerId].filter((owner): owner is string => owner !== null && owner !== actor.userId);
    await notifyAccessRequest(tx, { event: "access_request.created", requestId: id, recipientUserIds: owners, now });
  }
  return id;
}
