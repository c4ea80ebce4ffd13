// Closes a running campaign early (admins), with a reason. Undecided items
// stay undecided and can no longer be decided; nothing is revoked by closing.
// A closed campaign cannot be reopened: start a new one.
import "server-only";
import type { z } from "zod";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { presentCampaign } from "@/lib/campaigns/present";
import { ZCloseCampaignInput, type TCampaign } from "@/lib/campaigns/schemas";
import { transact } from "@/lib/db/transaction";
import { enqueueCampaignNotifications } from "@/lib/notifications/enqueue";
import { conflict, notFound } from "@/lib/errors/app-error";

export async function closeCampaign(options: { actor: Actor; campaignId: string; input: z.input<typeof ZCloseCampaignInput>; context?: RequestContext | null; now?: Date }): Promise<TCampaign> {
  const { actor, context } = options;
  assertCan(actor, "campaigns:manage");
  const { reason } = ZCloseCampaignInput.parse(options.input);
  const now = options.now ?? new Date();
  const row = await transact(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id: options.campaignId } });
    if (!campaign) throw notFound("Campaign");
    if (campaign.status === "closed") throw conflict("The campaign is already closed; closed campaigns are not reopened — start a new one");
    if (campaign.status === "draft") throw conflict("The campaign was never launched: change it, or leave it as a draft");
    const closed = await tx.campaign.updateMany({ where: { id: campaign.id, status: campaign.status }, data: { status: "closed", closedAt: now, closedReason: `closed early: ${reason}` } });
    if (closed.count !== 1) throw conflict("The campaign changed meanwhile: reload it");
    const undecided = await tx.campaignItem.count({ where: { campaignId: campaign.id, status: { in: ["open", "escalated"] } } });
    await appendAuditEvent(tx, { action: "campaign.closed", actor: actorRef(actor), target: { type: "campaign", id: campaign.id }, details: { reason: "closed early", comment: reason, undecided }, context });
    await enqueueCampaignNotifications(tx, { event: "campaign.closed", campaign, recipientUserIds: campaign.createdById ? [campaign.createdById] : [], details: { reason: "closed early", comment: reason, undecided }, now });
    return tx.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
  });
  return presentCampaign(row);
}
