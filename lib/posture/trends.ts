// The dashboard's view of the audit log: the last 30 UTC days (today
// included) of daily counts (lib/posture/daily-counts.ts); the trends show the
// last 14 or 30 of them, and the sender-constrained cards sum the last 7 and 30.
import "server-only";
import { dailyCounts, type DayCounts } from "@/lib/posture/daily-counts";
import { deniedCalls, tokenRefusals, tokensIssued } from "@/lib/posture/links";
import { DAY_MS } from "@/lib/posture/scope";
import type { TPostureTrends } from "@/lib/posture/schemas";

export const COUNTED_DAYS = 30;

/** The UTC midnights of the `days` days ending with today's. */
export function dayStarts(now: Date, days: number): Date[] {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return Array.from({ length: days }, (_, index) => new Date(today - (days - 1 - index) * DAY_MS));
}

export type Activity = { starts: Date[]; counts: DayCounts[] };

export async function countActivity(now: Date): Promise<Activity> {
  const starts = dayStarts(now, COUNTED_DAYS);
  return { starts, counts: await dailyCounts(starts, now) };
}

/** Sums of the last `days` days. */
export function lastDays(activity: Activity, days: number): DayCounts & { from: Date } {
  const counts = activity.counts.slice(-days);
  const sum = (key: keyof DayCounts) => counts.reduce((total, day) => total + day[key], 0);
  return { from: activity.starts[activity.starts.length - days]!, denied: sum("denied"), refusals: sum("refusals"), issued: sum("issued"), senderConstrained: sum("senderConstrained") };
}

export function postureTrends(activity: Activity, days: number, now: Date): TPostureTrends {
  const starts = activity.starts.slice(-days);
  const counts = activity.counts.slice(-days);
  return {
    days,
    from: starts[0]!.toISOString(),
    to: now.toISOString(),
    points: starts.map((start, index) => {
      const end = new Date(start.getTime() + DAY_MS);
      return {
        date: start.toISOString().slice(0, 10),
        ...counts[index]!,
        hrefs: { denied: deniedCalls(start, end), refusals: tokenRefusals(start, end), issued: tokensIssued(start, end) },
      };
    }),
  };
}
