// Built-in campaign templates for the common cases: each fills a new
// campaign's definition (the admin can still change anything before saving).
// The due date is relative (`durationDays` after the start) because a
// template is used at different times.
import type { TCreateCampaignInput } from "@/lib/campaigns/schemas";

export type CampaignTemplate = {
  key: string;
  title: string;
  summary: string;
  durationDays: number;
  definition: Omit<TCreateCampaignInput, "dueAt" | "startsAt" | "templateKey">;
};

export const CAMPAIGN_TEMPLATES: readonly CampaignTemplate[] = [
  {
    key: "quarterly-irreversible-grants",
    title: "Quarterly review of irreversible access",
    summary: "Every agent's grant of an irreversible-tier tool, reviewed by the agent's owner each quarter; undecided access is revoked.",
    durationDays: 14,
    definition: { type: "grant", name: "Quarterly review of irreversible access", filters: { toolTiers: ["irreversible"] }, reviewerRule: "owner", undecidedPolicy: "revoke", remindDaysBefore: 3, escalateDaysBefore: 1, recurrence: "quarterly" },
  },
  {
    key: "quarterly-grants",
    title: "Quarterly grants review",
    summary: "Every granted tool scope, reviewed by the agent's owner each quarter; undecided access is revoked.",
    durationDays: 21,
    definition: { type: "grant", name: "Quarterly grants review", filters: {}, reviewerRule: "owner", undecidedPolicy: "revoke", remindDaysBefore: 5, escalateDaysBefore: 2, recurrence: "quarterly" },
  },
  {
    key: "unused-grants",
    title: "Unused access clean-up",
    summary: "Grant scopes with no allowed call in 90 days: keep them only if someone says why.",
    durationDays: 14,
    definition: { type: "grant", name: "Unused access clean-up", filters: { unusedForDays: 90 }, reviewerRule: "owner", undecidedPolicy: "revoke", remindDaysBefore: 3 },
  },
  {
    key: "toxic-agents",
    title: "Toxic combinations review",
    summary: "Every grant of agents whose access across servers completes a toxic combination (e.g. the lethal trifecta): the owner keeps only what the agent truly needs.",
    durationDays: 7,
    definition: { type: "grant", name: "Toxic combinations review", filters: { toxicCombinations: true }, reviewerRule: "owner", undecidedPolicy: "revoke", remindDaysBefore: 2 },
  },
  {
    key: "yearly-identities",
    title: "Yearly identity ownership review",
    summary: "Is each server, agent, resource and gateway still needed, is its owner right, are its keys right? Undecided identities are suspended.",
    durationDays: 30,
    definition: { type: "identity", name: "Yearly identity ownership review", filters: {}, reviewerRule: "owner", undecidedPolicy: "suspend", remindDaysBefore: 7, escalateDaysBefore: 3, recurrence: "yearly" },
  },
  {
    key: "tool-tiers",
    title: "Tool classification review",
    summary: "Server owners confirm each approved tool's tier (read, write, irreversible); undecided tools escalate to an admin.",
    durationDays: 14,
    definition: { type: "tool", name: "Tool classification review", filters: {}, reviewerRule: "owner", undecidedPolicy: "keep_escalate", remindDaysBefore: 3 },
  },
];

export function campaignTemplate(key: string): CampaignTemplate | undefined {
  return CAMPAIGN_TEMPLATES.find((template) => template.key === key);
}
