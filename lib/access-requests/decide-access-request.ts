// Approves or denies the next step of a pending access request. Steps go in
// order (owner, then the second admin, then security); who may decide each is
// in rules.ts. A deny ends the request. The last approval checks everything
// again — tools, held scopes, tiers, toxic combinations — and creates the grant
// in the same transaction. Two people deciding the same step at once: the
// unique (requestId, step) row and the conditional update let exactly one win.
import "server-only";
import { adminUserIds, notifyAccessRequest } from "@/lib/access-requests/notify";
import { ACCESS_REQUEST_INCLUDE, deciderOf, presentAccessRequest } from "@/lib/access-requests/present";
import { needsSecondApproval, nextStep, refusalFor } from "@/lib/access-requests/rules";
import { ZDecideAccessRequestInput, type TAccessRequest, type TDecideAccessRequestInput } from "@/lib/access-requests/schemas";
import { storedFindings, toxicGate } from "@/lib/access-requests/toxic-gate";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact, type Tx } from "@/lib/db/transaction";
import { AppError, conflict, forbidden, invalid, notFound } from "@/lib/errors/app-error";
import { createGrantInTransaction } from "@/lib/grants/create-grant";
import { loadGrantTarget } from "@/lib/grants/grant-target";
import { newId } from "@/lib/ids";
import { readSettings } from "@/lib/settings/get-settings";
import { lockAgentAccess } from "@/lib/toxic/check";

const DAY_MS = 86_400_000;

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === "P2002";

/** Moves the request on only while it is still pending: a cancel or another decision that committed first wins. */
async function stillPending(tx: Tx, requestId: string, data: Record<string, unknown>): Promise<void> {
  const updated = await tx.accessRequest.updateMany({ where: { id: requestId, status: "pending" }, data });
  if (updated.count !== 1) throw conflict("The request was decided or cancelled at the same moment; reload it");
}

export async function decideAccessRequest(options: { actor: Actor; requestId: string; input: TDecideAccessRequestInput; context?: RequestContext | null; now?: Date }): Promise<TAccessRequest> {
  const { actor, requestId, context } = options;
  assertCan(actor, "identities:register");
  const input = ZDecideAccessRequestInput.parse(options.input);
  const now = options.now ?? new Date();
  const comment = input.comment ?? null;
  try {
    return await transact(async (tx) => {
      const request = await tx.accessRequest.findUnique({ where: { id: requestId }, include: ACCESS_REQUEST_INCLUDE });
      if (!request) throw notFound("Access request");
      if (request.status !== "pending") throw conflict(`This request is already ${request.status}${request.decidedAt ? ` (${request.decidedAt.toISOString()})` : ""}: it can no longer be decided`);
      if (request.expiresAt <= now) throw conflict(`This request expired at ${request.expiresAt.toISOString()} without a decision: it can no longer be decided; ask for a new one`);
      const step = nextStep(request, request.approvals);
      if (step !== input.step) {
        const done = request.approvals.find((approval) => approval.step === input.step);
        throw conflict(done ? `The ${input.step} step was already decided by someone else; the request now waits for the ${step} step` : `The request is not at the ${input.step} step: it waits for the ${step} step`, [{ path: "step", message: `the next step is ${step}` }]);
      }
      const agent = await tx.identity.findUnique({ where: { id: request.agentId }, select: { ownerId: true, backupOwnerId: true } });
      const server = await tx.identity.findUnique({ where: { id: request.serverId }, select: { ownerId: true, backupOwnerId: true } });
      const refusal = refusalFor(step, deciderOf(actor), request, request.approvals, agent ?? { ownerId: "", backupOwnerId: null }, server ?? { ownerId: "", backupOwnerId: null });
      if (refusal) throw forbidden(refusal);
      if (step === "security" && !comment) throw invalid("The security approval needs a recorded justification", [{ path: "comment", message: "Say why this combination of tools is acceptable" }]);
      const approver = actor.userId!;
      const audit = (action: "access_request.approved_step" | "access_request.approved" | "access_request.denied", details: Record<string, unknown>) =>
        appendAuditEvent(tx, { action, actor: actorRef(actor), target: { type: "access_request", id: requestId }, details: { step, approverId: approver, requestedById: request.requestedById, agentId: request.agentId, serverId: request.serverId, comment, ...details }, context });

      // the step's row first: two deciders of the same step collide on (requestId, step)
      await tx.accessRequestApproval.create({ data: { id: newId("accessApproval"), requestId, step, approverId: approver, decision: input.decision === "deny" ? "denied" : "approved", comment, createdAt: now } });

      if (input.decision === "deny") {
        await stillPending(tx, requestId, { status: "denied", decidedAt: now, decisionReason: comment });
        await audit("access_request.denied", {});
        await notifyAccessRequest(tx, { event: "access_request.decided", requestId, recipientUserIds: [request.requestedById], details: { decision: "denied", step }, now });
      } else {
        await lockAgentAccess(tx, request.agentId);
        const approvals = [...request.approvals, { step, approverId: approver, decision: "approved" }];
        let flags = { secondApprovalRequired: request.secondApprovalRequired, securityApprovalRequired: request.securityApprovalRequired };
        let next = nextStep({ ...request, ...flags }, approvals);
        if (next === null) {
          // the last approval: check again, the catalog, the grants or the policies may have changed
          const target = await loadGrantTarget(tx, { agentId: request.agentId, serverId: request.serverId, toolIds: request.tools.map((tool) => tool.toolId), now, ignoreRequestId: requestId });
          const toxic = await toxicGate(tx, request.agentId, target.tools.map((tool) => tool.id));
          const settings = await readSettings(tx);
          flags = {
            secondApprovalRequired: flags.secondApprovalRequired || needsSecondApproval(target.tools.map((tool) => tool.tier), target.server.environment, settings.secondApprovalForProductionWrite),
            securityApprovalRequired: flags.securityApprovalRequired || toxic.securityApprovalRequired,
          };
          next = nextStep({ ...request, ...flags }, approvals);
          const findings = toxic.findings.length ? toxic.findings : storedFindings(request.toxicFindings);
          if (next !== null) {
            // a new requirement appeared since the request was made: it waits for that step
            await stillPending(tx, requestId, { ...flags, toxicFindings: findings.length ? (findings as object) : undefined });
            await audit("access_request.approved_step", { nextStep: next, newRequirement: true });
          } else {
            const expiresAt = request.grantDays ? new Date(now.getTime() + request.grantDays * DAY_MS) : null;
            await audit("access_request.approved_step", { nextStep: null });
            const grant = await createGrantInTransaction(tx, { actor, agentId: request.agentId, serverId: request.serverId, tools: target.tools, justification: request.justification, expiresAt, requestId, context });
            await stillPending(tx, requestId, { status: "approved", decidedAt: now, decisionReason: comment, grantId: grant.id, toxicFindings: findings.length ? (findings as object) : undefined });
            await audit("access_request.approved", { grantId: grant.id, expiresAt: expiresAt?.toISOString() ?? null, approvers: approvals.map((item) => ({ step: item.step, approverId: item.approverId })) });
            await notifyAccessRequest(tx, { event: "access_request.decided", requestId, recipientUserIds: [request.requestedById], details: { decision: "approved", grantId: grant.id }, now });
          }
        } else {
          await stillPending(tx, requestId, { updatedAt: now });
          await audit("access_request.approved_step", { nextStep: next });
        }
        if (next === "admin" || next === "security") {
          const except = next === "admin" ? [request.requestedById, approver, agent?.ownerId ?? null, agent?.backupOwnerId ?? null] : [request.requestedById];
          await notifyAccessRequest(tx, { event: "access_request.awaiting_approval", requestId, recipientUserIds: await adminUserIds(tx, except), details: { step: next }, now });
        }
      }
      const row = await tx.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: ACCESS_REQUEST_INCLUDE });
      return presentAccessRequest(tx, row, actor, now);
    });
  } catch (error) {
    if (isUniqueViolation(error) && !(error instanceof AppError)) throw conflict(`The ${input.step} step was decided by someone else at the same moment; reload the request`, [{ path: "step", message: "already decided" }]);
    throw error;
  }
}
