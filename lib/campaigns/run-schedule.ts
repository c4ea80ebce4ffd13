// The campaign scheduler step (lib/jobs/scheduler.ts runs it under a lease, so
// one instance at a time): launch recurring campaigns whose start has come,
// remind and escalate before due dates, apply the undecided-item policy at
// deadlines. Each step is idempotent; time is a parameter.
import "server-only";
import { processCampaignDeadlines, type DeadlineSummary } from "@/lib/campaigns/run-deadlines";
import { launchScheduledCampaigns } from "@/lib/campaigns/recurrence";
import { processCampaignReminders, type ReminderSummary } from "@/lib/campaigns/run-reminders";

export type ScheduleSummary = { scheduled: { launched: number; failed: number }; reminders: ReminderSummary; deadlines: DeadlineSummary };

export async function runCampaignSchedule(now = new Date()): Promise<ScheduleSummary> {
  const scheduled = await launchScheduledCampaigns(now);
  const reminders = await processCampaignReminders(now);
  const deadlines = await processCampaignDeadlines(now);
  return { scheduled, reminders, deadlines };
}
