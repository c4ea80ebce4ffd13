// A reviewer decides one campaign item: certify, revoke, modify
// (lib/campaigns/modify-target.ts) or reassign. Only the
// item's reviewer decides it, only while the campaign runs, and only once:
// the decision is a compare-and-set on the item's version, so of two decisions
// made at once exactly one wins and the other gets a conflict. A comment is
// required to revoke, to modify, to reassign, and to certify irreversible-tier access.
// The decision's effect happens in the same transaction: revoking a grant's
// scope narrows the grant (revoking it when no scope is left) and revoking an
// identity revokes it, through the same revocation records as the registry
// and grants, so the next policy bundle revision carries it; certifying stamps
// last-certified-at (and, for identities, the next due date).
import "server-only";
import type { z } from "zod";
import { assertCan, SYSTEM_ACTOR, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { modifyTarget } from "@/lib/campaigns/modify-target";
import { presentItem } from "@/lib/campaigns/present-item";
import { ZDecideItemInput, type TCampaignItem } from "@/lib/campaigns/schemas";
import type { Tx } from "@/lib/db/transaction";
import { transact } from "@/lib/db/transaction";
import { conflict, forbidden, invalid, notFound } from "@/lib/errors/app-error";
import { changeIdentityStatusIn } from "@/lib/identities/change-identity-status";
import { recordRevocation, type RevocationSource } from "@/lib/identities/record-revocation";
import { reevaluateAfterRemoval } from "@/lib/toxic/check";

/** identities certified now are due again after this long */
export const RECERTIFY_AFTER_DAYS = 90;
const DECIDABLE = ["open", "escalated"];

type Reassignment = { from: string; to: string; by: string | null; at: string; comment: string };

export async function revokeGrantScope(tx: Tx, actor: Actor, grantId: string, toolId: string, reason: string, now: Date, source: RevocationSource): Promise<Record<string, unknown>> {
  const revoked = await tx.grantTool.updateMany({ where: { grantId, toolId, revokedAt: null }, data: { revokedAt: now } });
  const grant = await tx.grant.findUniqueOrThrow({ where: { id: grantId }, select: { agentId: true, serverId: true, revokedAt: true, tools: { select: { scope: true, toolId: true, revokedAt: true } } } });
  const scope = grant.tools.find((tool) => tool.toolId === toolId)?.scope ?? null;
  if (revoked.count === 0 || grant.revokedAt) return { alreadyGone: true, grantId, scope };
  const remaining = grant.tools.filter((tool) => !tool.revokedAt).map((tool) => tool.scope);
  if (remaining.length === 0) await tx.grant.update({ where: { id: grantId }, data: { revokedAt: now, revokedById: actor.userId, revokedReason: reason } });
  const revocation = await recordRevocation(tx, { actor, subjectType: "grant", subjectId: grantId, identityId: grant.agentId, reason, at: now, source });
  await appendAuditEvent(tx, {
    action: remaining.length === 0 ? "grant.revoked" : "grant.narrowed",
    actor: actorRef(actor),
    target: { type: "grant", id: grantId },
    details: { agentId: grant.agentId, serverId: grant.serverId, scopes: remaining.length === 0 ? [scope] : undefined, revokedScope: scope, remainingScopes: remaining, reason, source },
  });
  await reevaluateAfterRemoval(tx, [grant.agentId], `campaign revoked ${scope ?? toolId} of grant ${grantId}`);
  return { grantId, revokedScope: scope, grantRevoked: remaining.length === 0, revocationId: revocation.id };
}

async function certify(tx: Tx, targetType: string, targetId: string, now: Date): Promise<Record<string, unknown>> {
  if (targetType === "grant_tool") {
    const [grantId, toolId] = targetId.split(":") as [string, string];
    await tx.grantTool.updateMany({ where: { grantId, toolId }, data: { lastCertifiedAt: now } });
    return { certified: targetId };
  }
  if (targetType === "tool") {
    await tx.tool.updateMany({ where: { id: targetId }, data: { lastCertifiedAt: now } });
    return { certified: targetId };
  }
  const nextDue = new Date(now.getTime() + RECERTIFY_AFTER_DAYS * 86_400_000);
  await tx.identity.updateMany({ where: { id: targetId }, data: { lastCertifiedAt: now, nextCertificationDue: nextDue } });
  return { certified: targetId, nextCertificationDue: nextDue.toISOString() };
}

export async function decideItem(options: { actor: Actor; itemId: string; input: z.input<typeof ZDecideItemInput>; context?: RequestContext | null; now?: Date }): Promise<TCampaignItem> {
  const { actor, context } = options;
  assertCan(actor, "reviews:decide");
  const input = ZDecideItemInput.parse(options.input);
  const now = options.now ?? new Date();
  const row = await transact(async (tx) => {
    const item = await tx.campaignItem.findUnique({ where: { id: options.itemId }, include: { campaign: { select: { id: true, name: true, status: true } } } });
    if (!item) throw notFound("Review item");
    if (item.reviewerId !== actor.userId) throw forbidden("Only the item's reviewer can decide it; ask them, or an admin, to reassign it");
    if (item.campaign.status !== "active" && item.campaign.status !== "generating") throw conflict(`The campaign is ${item.campaign.status}: its items cannot be decided`);
    if (!DECIDABLE.includes(item.status)) throw conflict(`The item was already decided (${item.status.replace("_", " ")})`);
    if (input.version !== undefined && input.version !== item.version) throw conflict("The item changed since you opened it: reload it and decide again");
    const snapshot = item.snapshot as { tier?: string | null };
    if (input.decision === "certify" && item.targetType === "grant_tool" && snapshot.tier === "irreversible" && !input.comment) {
      throw invalid("Certifying access to an irreversible tool needs a comment", [{ path: "comment", message: "required for irreversible-tier access" }]);
    }
    if (input.decision === "revoke" && item.targetType === "tool") throw invalid("A tool's tier is certified or changed, not revoked", [{ path: "decision", message: "not for tool items" }]);

    // claim the item first: a concurrent decision either already won (count 0) or waits for this transaction
    const claimed = await tx.campaignItem.updateMany({ where: { id: item.id, version: item.version, status: { in: DECIDABLE } }, data: { version: { increment: 1 } } });
    if (claimed.count !== 1) throw conflict("Someone else decided or reassigned this item a moment ago: reload it");

    let data: Record<string, unknown>;
    if (input.decision === "reassign") {
      const history = (Array.isArray(item.reassignments) ? item.reassignments : []) as Reassignment[];
      if (input.reviewerId === actor.userId) throw invalid("Reassign to someone else", [{ path: "reviewerId", message: "that is you" }]);
      if (history.some((step) => step.from === input.reviewerId)) throw conflict("That reviewer already passed this item on: reassigning it back would make a loop", [{ path: "reviewerId", message: "reassignment loop" }]);
      const target = await tx.user.findUnique({ where: { id: input.reviewerId }, select: { active: true, role: true } });
      if (!target?.active || (target.role !== "owner" && target.role !== "admin")) throw invalid("The new reviewer must be an active admin or owner", [{ path: "reviewerId", message: "cannot review" }]);
      data = { reviewerId: input.reviewerId, reassignments: [...history, { from: item.reviewerId, to: input.reviewerId, by: actor.userId, at: now.toISOString(), comment: input.comment }] };
    } else {
      // the effect is applied as Warden on the reviewer's behalf: reviewers need no admin rights to revoke what they review
      const onBehalf: Actor = { ...SYSTEM_ACTOR, userId: actor.userId, label: `${actor.label} (campaign "${item.campaign.name}")` };
      let outcome: Record<string, unknown>;
      if (input.decision === "certify") outcome = await certify(tx, item.targetType, item.targetId, now);
      else if (input.decision === "modify") outcome = await modifyTarget(tx, { actor: onBehalf, item, input, reason: `Campaign "${item.campaign.name}": ${input.comment}`, now, context });
      else if (item.targetType === "grant_tool") {
        const [grantId, toolId] = item.targetId.split(":") as [string, string];
        outcome = await revokeGrantScope(tx, onBehalf, grantId, toolId, `Campaign "${item.campaign.name}": ${input.comment}`, now, { campaignId: item.campaignId, campaignItemId: item.id });
      } else {
        const identity = await tx.identity.findUnique({ where: { id: item.targetId }, select: { status: true } });
        if (identity && identity.status !== "revoked") await changeIdentityStatusIn(tx, { actor: onBehalf, identityId: item.targetId, change: "revoke", reason: `Campaign "${item.campaign.name}": ${input.comment}`, context, source: { campaignId: item.campaignId, campaignItemId: item.id } });
        outcome = { identityRevoked: item.targetId, alreadyRevoked: !identity || identity.status === "revoked" };
      }
      data = { status: { certify: "certified", revoke: "revoked", modify: "modified" }[input.decision], decidedById: actor.userId, decidedAt: now, comment: input.comment ?? null, outcome };
    }
    const updated = await tx.campaignItem.update({ where: { id: item.id }, data });
    await appendAuditEvent(tx, {
      action: "campaign.item_decided",
      actor: actorRef(actor),
      target: { type: "campaign_item", id: item.id },
      details: { campaignId: item.campaignId, targetType: item.targetType, targetId: item.targetId, decision: input.decision, comment: input.comment ?? null, ...(input.decision === "reassign" ? { to: input.reviewerId } : {}), ...(input.decision === "modify" ? { expiresAt: input.expiresAt, tier: input.tier, ownerId: input.ownerId } : {}) },
      context,
    });
    return updated;
  });
  return presentItem(row);
}

