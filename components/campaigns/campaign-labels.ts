// Display labels and explanations for campaign types, statuses, reviewer rules,
// undecided policies, recurrences and item statuses.
import type { BadgeTone } from "@/components/ui/badge";
import type { CAMPAIGN_STATUSES, CampaignType, ITEM_STATUSES, RECURRENCES, ReviewerRule, UNDECIDED_POLICIES } from "@/lib/campaigns/schemas";

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export type UndecidedPolicy = (typeof UNDECIDED_POLICIES)[number];
export type Recurrence = (typeof RECURRENCES)[number];
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const TYPE_LABELS: Record<CampaignType, string> = { identity: "Identities", grant: "Grants", tool: "Tool tiers" };
export const TYPE_HINTS: Record<CampaignType, string> = {
  identity: "Is each server, agent, resource or gateway still needed, is its owner right, are its keys right?",
  grant: "One item per granted tool scope: should agent A keep scope S on server X?",
  tool: "Is each approved tool's tier (read, write, irreversible) right?",
};

export const STATUS_LABELS: Record<CampaignStatus, string> = { draft: "Draft", generating: "Generating", active: "Active", closed: "Closed" };
export const STATUS_TONES: Record<CampaignStatus, BadgeTone> = { draft: "neutral", generating: "info", active: "success", closed: "warning" };

export const RULE_LABELS: Record<ReviewerRule, string> = { owner: "Owner → backup owner → admins", server_owner: "Server owner → backup → admins", named: "One named reviewer" };
export const RULE_HINTS: Record<ReviewerRule, string> = {
  owner: "The primary owner reviews; if they cannot, the backup owner; if neither can, an admin (you, or the first active admin). The preview flags what falls back.",
  server_owner: "Grant campaigns: the owners of the server the tool is on, rather than the agent's.",
  named: "Every item goes to one person.",
};

export const POLICY_LABELS: Record<UndecidedPolicy, string> = { revoke: "Revoke", suspend: "Suspend", keep_escalate: "Keep and escalate" };
export const POLICY_HINTS: Record<UndecidedPolicy, string> = {
  revoke: "Undecided access is revoked at the due date, as if the reviewer had revoked it.",
  suspend: "Undecided identities are suspended at the due date; they can be resumed.",
  keep_escalate: "Nothing is revoked: undecided items go to the fallback admin and the campaign stays open for them.",
};
/** What checkCampaign (lib/campaigns/schemas.ts) allows per type; the first is the default. */
export const POLICIES_FOR: Record<CampaignType, readonly UndecidedPolicy[]> = { grant: ["revoke", "keep_escalate"], identity: ["keep_escalate", "suspend", "revoke"], tool: ["keep_escalate"] };
export const POLICY_RULES: Record<CampaignType, string> = {
  grant: "Grant campaigns revoke undecided access by default; grants are revoked or kept, never suspended.",
  identity: "Identity campaigns keep and escalate by default; they may also suspend or revoke undecided identities.",
  tool: "A tool's tier cannot be revoked or suspended: undecided tools are kept and escalated.",
};

export const RECURRENCE_LABELS: Record<Recurrence, string> = { monthly: "Monthly", quarterly: "Quarterly", yearly: "Yearly" };

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  open: "Open",
  certified: "Certified",
  revoked: "Revoked",
  modified: "Modified",
  auto_revoked: "Auto-revoked",
  auto_suspended: "Auto-suspended",
  escalated: "Escalated",
  target_gone: "Target gone",
};
export const ITEM_STATUS_TONES: Record<ItemStatus, BadgeTone> = {
  open: "info",
  certified: "success",
  revoked: "danger",
  modified: "warning",
  auto_revoked: "danger",
  auto_suspended: "warning",
  escalated: "warning",
  target_gone: "neutral",
};

export const campaignHref = (id: string) => `/campaigns/${id}`;
