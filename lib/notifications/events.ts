// The events Warden notifies about (docs/notifications.md): campaign events and
// access request events. Kept apart from the server-only outbox code so forms
// can offer them too.
export const CAMPAIGN_EVENTS = ["campaign.launched", "campaign.reminder", "campaign.escalated", "campaign.closed"] as const;
export type CampaignEvent = (typeof CAMPAIGN_EVENTS)[number];

// created → the server's owners; awaiting_approval → admins (the second or security approval); decided → the requester
export const ACCESS_REQUEST_EVENTS = ["access_request.created", "access_request.awaiting_approval", "access_request.decided"] as const;
export type AccessRequestEvent = (typeof ACCESS_REQUEST_EVENTS)[number];

export const NOTIFICATION_EVENTS = [...CAMPAIGN_EVENTS, ...ACCESS_REQUEST_EVENTS] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const EVENT_LABELS: Record<NotificationEvent, string> = {
  "campaign.launched": "Campaign launched",
  "campaign.reminder": "Reminder before the due date",
  "campaign.escalated": "Items escalated",
  "campaign.closed": "Campaign closed",
  "access_request.created": "Access requested (to the server's owners)",
  "access_request.awaiting_approval": "Access request awaiting a second or security approval (to admins)",
  "access_request.decided": "Access request approved, denied or expired (to the requester)",
};
