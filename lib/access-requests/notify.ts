// Access request notifications through the outbox (lib/notifications): written
// in the transaction of the change, so a notification exists if and only if the
// change committed. Emails go to the people named (active users with an
// address, when SMTP is configured); webhooks to every enabled endpoint
// subscribed to the event.
import "server-only";
import { env } from "@/lib/config/env";
import { onCommit, type Tx } from "@/lib/db/transaction";
import { nextStep } from "@/lib/access-requests/rules";
import { newId } from "@/lib/ids";
import { kickNotificationDispatch } from "@/lib/notifications/dispatch";
import type { AccessRequestEvent } from "@/lib/notifications/events";
import { accessRequestEmail, accessRequestWebhookPayload, type AccessRequestRef } from "@/lib/notifications/messages";
import { endpointEvents } from "@/lib/notifications/present";

/** The admins (active users with the admin role), except `except`: recipients of "awaiting approval". */
export async function adminUserIds(tx: Tx, except: (string | null)[]): Promise<string[]> {
  const admins = await tx.user.findMany({ where: { role: "admin", active: true }, select: { id: true }, orderBy: { id: "asc" } });
  return admins.map((admin) => admin.id).filter((id) => !except.includes(id));
}

/** What a notification names: loaded from the request as it stands in the transaction. */
async function refOf(tx: Tx, requestId: string): Promise<AccessRequestRef> {
  const row = await tx.accessRequest.findUniqueOrThrow({ where: { id: requestId }, include: { tools: { orderBy: { scope: "asc" } }, approvals: true } });
  const agent = await tx.identity.findUnique({ where: { id: row.agentId }, select: { name: true } });
  const server = await tx.identity.findUnique({ where: { id: row.serverId }, select: { name: true } });
  const requester = await tx.user.findUnique({ where: { id: row.requestedById }, select: { name: true } });
  const tools = await tx.tool.findMany({ where: { id: { in: row.tools.map((tool) => tool.toolId) } }, select: { name: true }, orderBy: { name: "asc" } });
  return {
    id: row.id,
    agentName: agent?.name ?? row.agentId,
    serverName: server?.name ?? row.serverId,
    status: row.status,
    tools: tools.map((tool) => tool.name),
    requestedBy: requester?.name ?? row.requestedById,
    nextStep: row.status === "pending" ? nextStep(row, row.approvals) : null,
  };
}

export async function notifyAccessRequest(tx: Tx, input: { event: AccessRequestEvent; requestId: string; recipientUserIds: string[]; details?: Record<string, unknown>; now: Date }): Promise<number> {
  const { event, now } = input;
  const request = await refOf(tx, input.requestId);
  const details = JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>;
  const rows: { id: string; channel: string; event: string; recipient: string; endpointId: string | null; payload: object; nextAttemptAt: Date; createdAt: Date }[] = [];
  const userIds = [...new Set(input.recipientUserIds)];
  if (env().WARDEN_SMTP_URL && userIds.length > 0) {
    const users = await tx.user.findMany({ where: { id: { in: userIds }, active: true }, select: { id: true, email: true, name: true }, orderBy: { id: "asc" } });
    for (const user of users) {
      if (!user.email) continue;
      const id = newId("notification");
      const payload = { ...accessRequestWebhookPayload(id, event, request, now, details), userId: user.id, ...accessRequestEmail(event, request, user) };
      rows.push({ id, channel: "email", event, recipient: user.email, endpointId: null, payload, nextAttemptAt: now, createdAt: now });
    }
  }
  const endpoints = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, url: true, events: true }, orderBy: { id: "asc" } });
  for (const endpoint of endpoints) {
    if (!endpointEvents(endpoint.events).includes(event)) continue;
    const id = newId("notification");
    rows.push({ id, channel: "webhook", event, recipient: endpoint.url, endpointId: endpoint.id, payload: accessRequestWebhookPayload(id, event, request, now, details), nextAttemptAt: now, createdAt: now });
  }
  if (rows.length === 0) return 0;
  await tx.notification.createMany({ data: rows });
  onCommit(tx, kickNotificationDispatch);
  return rows.length;
}
