// The campaign events Warden notifies about (docs/notifications.md). Kept apart
// from the server-only outbox code so forms can offer them too.
export const CAMPAIGN_EVENTS = ["campaign.launched", "campaign.reminder", "campaign.escalated", "campaign.closed"] as const;
export type CampaignEvent = (typeof CAMPAIGN_EVENTS)[number];

export const EVENT_LABELS: Record<CampaignEvent, string> = {
  "campaign.launched": "Campaign launched",
  "campaign.reminder": "Reminder before the due date",
  "campaign.escalated": "Items escalated",
  "campaign.closed": "Campaign closed",
};
