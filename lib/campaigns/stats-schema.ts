// A campaign's progress as the dashboard shows it (lib/campaigns/campaign-stats.ts).
import { z } from "zod";
import { CAMPAIGN_STATUSES } from "@/lib/campaigns/schemas";

const count = z.number().int().nonnegative();

export const ZCampaignStatsQuery = z.object({
  view: z.enum(["full", "totals"]).default("full").describe("totals: only the counts (no reviewers, no burn-down), e.g. for a list of campaigns"),
});

export const ZCampaignStats = z.object({
  campaignId: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  asOf: z.iso.datetime().describe("When these numbers were counted"),
  total: count.describe("Items generated so far"),
  decided: count.describe("Items no longer awaiting a decision: decided by a reviewer or settled at the deadline"),
  open: count.describe("Items awaiting a decision, escalated ones included"),
  overdue: count.describe("Open items past the campaign's due date"),
  byStatus: z
    .object({ open: count, certified: count, revoked: count, modified: count, auto_revoked: count, auto_suspended: count, escalated: count, target_gone: count })
    .describe("Items per status; escalated items are open too, with the fallback reviewer"),
  reviewers: z
    .array(
      z.object({
        userId: z.string(),
        name: z.string(),
        email: z.string(),
        assigned: count.describe("Items currently assigned to this reviewer"),
        decided: count.describe("Certified, revoked or modified by the reviewer"),
        settled: count.describe("Settled at the deadline without a decision (auto-revoked, auto-suspended, target gone)"),
        open: count,
        overdue: count,
      }),
    )
    .nullable()
    .describe("Per reviewer, most open items first; null in the totals view"),
  burndown: z
    .object({
      from: z.iso.datetime().describe("The launch"),
      to: z.iso.datetime().describe("The close, else the due date (or now, for a campaign still running past it)"),
      bucketDays: z.number().int().positive().describe("Days per point: 1, more for campaigns longer than a year"),
      points: z.array(z.object({ date: z.iso.date().describe("The last UTC day of the point"), open: count.nullable().describe("Open items at the end of that day; null for days still to come") })),
    })
    .nullable()
    .describe("Open items per day from the launch; null before the launch and in the totals view"),
});
export type TCampaignStats = z.infer<typeof ZCampaignStats>;
