// What a notification says (campaigns; access requests at the end): the webhook body (ids, names, dates and
// links; never a secret) and the email to a reviewer (plain text and simple HTML).
import { publicUrl } from "@/lib/config/env";
import type { AccessRequestEvent, CampaignEvent } from "@/lib/notifications/events";

export type CampaignRef = { id: string; name: string; dueAt: Date };

export type WebhookPayload = {
  id: string;
  event: CampaignEvent;
  occurredAt: string;
  campaign: { id: string; name: string; dueAt: string; url: string };
  details: Record<string, unknown>;
};

export type EmailMessage = { subject: string; text: string; html: string };

const HEADINGS: Record<CampaignEvent, string> = {
  "campaign.launched": "New review",
  "campaign.reminder": "Reminder",
  "campaign.escalated": "Escalated",
  "campaign.closed": "Closed",
};

export function campaignUrl(campaignId: string): string {
  return `${publicUrl()}/campaigns/${encodeURIComponent(campaignId)}`;
}

export function reviewsUrl(): string {
  return `${publicUrl()}/reviews`;
}

export function webhookPayload(id: string, event: CampaignEvent, campaign: CampaignRef, occurredAt: Date, details: Record<string, unknown>): WebhookPayload {
  return {
    id,
    event,
    occurredAt: occurredAt.toISOString(),
    campaign: { id: campaign.id, name: campaign.name, dueAt: campaign.dueAt.toISOString(), url: campaignUrl(campaign.id) },
    details,
  };
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);
}

/** The email telling one reviewer about `event`; `openItems` are theirs in the campaign now. */
export function campaignEmail(event: CampaignEvent, campaign: CampaignRef, recipient: { name: string }, openItems: number, details: Record<string, unknown>): EmailMessage {
  // one line: a campaign name never splits the subject header
  const name = campaign.name.replace(/\s+/g, " ").trim();
  const due = day(campaign.dueAt);
  const items = openItems > 0 ? `${plural(openItems, "item")} to review` : "items to review";
  const subject = event === "campaign.closed" ? `[Warden] Closed: "${name}"` : `[Warden] ${HEADINGS[event]}: ${items} in "${name}" by ${due}`;
  const reason = typeof details.reason === "string" ? details.reason : null;
  const lines: Record<CampaignEvent, string> = {
    "campaign.launched": `The recertification campaign "${name}" has started. You have ${items} by ${due} (UTC).`,
    "campaign.reminder": `The recertification campaign "${name}" is due on ${due} (UTC). You still have ${items}.`,
    "campaign.escalated": `Items of the recertification campaign "${name}" were escalated to you. You have ${items} by ${due} (UTC).`,
    "campaign.closed": `The recertification campaign "${name}" is closed${reason ? ` (${reason})` : ""}. Undecided items can no longer be decided.`,
  };
  const policy = event === "campaign.closed" ? "" : "Items left undecided at the due date get the campaign's policy (revoke, suspend, or escalate).";
  const link = reviewsUrl();
  const text = [`Hello ${recipient.name},`, "", lines[event], ...(policy ? [policy] : []), "", `Your reviews: ${link}`, "", "— Warden"].join("\n");
  const html = [
    `<p>Hello ${escapeHtml(recipient.name)},</p>`,
    `<p>${escapeHtml(lines[event])}${policy ? `<br>${escapeHtml(policy)}` : ""}</p>`,
    `<p><a href="${escapeHtml(link)}">Open your reviews</a></p>`,
    "<p>— Warden</p>",
  ].join("\n");
  return { subject, text, html };
}

// ---- access requests (docs/separation-of-duties.md) ----

export type AccessRequestRef = { id: string; agentName: string; serverName: string; status: string; tools: string[]; requestedBy: string; nextStep: string | null };

export type AccessRequestWebhookPayload = {
  id: string;
  event: AccessRequestEvent;
  occurredAt: string;
  accessRequest: AccessRequestRef & { url: string };
  details: Record<string, unknown>;
};

export function accessRequestsUrl(): string {
  return `${publicUrl()}/access/requests`;
}

export function accessRequestWebhookPayload(id: string, event: AccessRequestEvent, request: AccessRequestRef, occurredAt: Date, details: Record<string, unknown>): AccessRequestWebhookPayload {
  return { id, event, occurredAt: occurredAt.toISOString(), accessRequest: { ...request, url: accessRequestsUrl() }, details };
}

/** The body in one key order on both databases (PostgreSQL's jsonb reorders keys). */
export function accessRequestWebhookBody(payload: AccessRequestWebhookPayload): string {
  const { id, event, occurredAt, accessRequest: r, details } = payload;
  const accessRequest = { id: r.id, agentName: r.agentName, serverName: r.serverName, status: r.status, tools: r.tools, requestedBy: r.requestedBy, nextStep: r.nextStep, url: r.url };
  return JSON.stringify({ id, event, occurredAt, accessRequest, details });
}

/** The email telling one person about an access request. */
export function accessRequestEmail(event: AccessRequestEvent, request: AccessRequestRef, recipient: { name: string }): EmailMessage {
  const one = (text: string) => text.replace(/\s+/g, " ").trim();
  const agent = one(request.agentName);
  const server = one(request.serverName);
  const tools = request.tools.join(", ");
  const subjects: Record<AccessRequestEvent, string> = {
    "access_request.created": `[Warden] Access request: ${agent} on ${server}`,
    "access_request.awaiting_approval": `[Warden] Second approval needed: ${agent} on ${server}`,
    "access_request.decided": `[Warden] Access request ${request.status}: ${agent} on ${server}`,
  };
  const lines: Record<AccessRequestEvent, string> = {
    "access_request.created": `${request.requestedBy} asks for ${tools} on the MCP server "${server}" for the agent "${agent}". As an owner of the server, you approve or deny it.`,
    "access_request.awaiting_approval": `The request of ${request.requestedBy} for ${tools} on "${server}" for the agent "${agent}" needs the ${request.nextStep ?? "next"} approval by an admin who has not decided it yet.`,
    "access_request.decided": `Your request for ${tools} on "${server}" for the agent "${agent}" was ${request.status}.`,
  };
  const link = accessRequestsUrl();
  const text = [`Hello ${recipient.name},`, "", lines[event], "", `Access requests: ${link}`, "", "— Warden"].join("\n");
  const html = [`<p>Hello ${escapeHtml(recipient.name)},</p>`, `<p>${escapeHtml(lines[event])}</p>`, `<p><a href="${escapeHtml(link)}">Open access requests</a></p>`, "<p>— Warden</p>"].join("\n");
  return { subject: subjects[event], text, html };
}
