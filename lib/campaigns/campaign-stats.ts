// A campaign's progress for the dashboard (admins and auditors): items per
// status, per reviewer, overdue, and the burn-down (open items at the end of
// each day from the launch). Counts are groupBy queries on the
// (campaignId, status) index. The burn-down is grouped in SQL too, in text
// both SQLite and PostgreSQL run: no date function is portable, so each
// decision time is compared with the days' ends (bound as parameters, so
// each database compares them as it stores them) in a CASE nested as a
// binary search — about log2(days) comparisons an item, one pass over the
// campaign's items, nothing but one count per day in memory.
import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { TCampaignStats } from "@/lib/campaigns/stats-schema";
import { db, dbProvider } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

const DAY = 86_400_000;
/** beyond this many days a point covers several days, so a chart stays readable */
const MAX_POINTS = 400;
/** awaiting a decision: escalated items wait for the fallback reviewer */
const OPEN = new Set(["open", "escalated"]);
const DECIDED_BY_REVIEWER = new Set(["certified", "revoked", "modified"]);

type ByStatus = TCampaignStats["byStatus"];
type Campaign = { id: string; dueAt: Date; launchedAt: Date | null; closedAt: Date | null };

const emptyByStatus = (): ByStatus => ({ open: 0, certified: 0, revoked: 0, modified: 0, auto_revoked: 0, auto_suspended: 0, escalated: 0, target_gone: 0 });

/** Open items count as overdue once the due date has passed while the campaign ran (a campaign closed in time has none). */
function isOverdue(campaign: Campaign, now: Date): boolean {
  return (campaign.closedAt ?? now) > campaign.dueAt;
}

async function reviewerStats(campaign: Campaign, now: Date): Promise<NonNullable<TCampaignStats["reviewers"]>> {
  const groups = await db().campaignItem.groupBy({ by: ["reviewerId", "status"], where: { campaignId: campaign.id }, _count: { _all: true } });
  const overdue = isOverdue(campaign, now);
  const rows = new Map<string, { assigned: number; decided: number; settled: number; open: number }>();
  for (const group of groups) {
    const row = rows.get(group.reviewerId) ?? { assigned: 0, decided: 0, settled: 0, open: 0 };
    const n = group._count._all;
    row.assigned += n;
    if (OPEN.has(group.status)) row.open += n;
    else if (DECIDED_BY_REVIEWER.has(group.status)) row.decided += n;
    else row.settled += n;
    rows.set(group.reviewerId, row);
  }
  const users = await db().user.findMany({ where: { id: { in: [...rows.keys()] } }, select: { id: true, name: true, email: true } });
  const byId = new Map(users.map((user) => [user.id, user]));
  return [...rows.entries()]
    .map(([userId, row]) => ({ userId, name: byId.get(userId)?.name ?? userId, email: byId.get(userId)?.email ?? "", ...row, overdue: overdue ? row.open : 0 }))
    .sort((a, b) => b.open - a.open || b.assigned - a.assigned || a.name.localeCompare(b.name));
}

/** The bucket of "decidedAt" among buckets lo..hi, whose exclusive ends are `ends`: a binary search written as nested CASEs. */
function bucketCase(ends: readonly Date[], lo: number, hi: number, bind: (value: Date) => string): string {
  if (lo === hi) return String(lo);
  const mid = (lo + hi) >> 1;
  // bind before the branches: SQLite's `?` placeholders take their values in the order of the text
  const end = bind(ends[mid]!);
  return `CASE WHEN "decidedAt" < ${end} THEN ${bucketCase(ends, lo, mid, bind)} ELSE ${bucketCase(ends, mid + 1, hi, bind)} END`;
}

/** Items decided in each bucket (before the first: in it; after the last: in it). */
async function decidedPerBucket(campaignId: string, ends: readonly Date[]): Promise<number[]> {
  const postgres = dbProvider() === "postgresql";
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return postgres ? `$${params.length}` : "?";
  };
  const bucket = bucketCase(ends, 0, ends.length - 1, bind);
  const rows = await db().$queryRawUnsafe<{ bucket: number | bigint; decided: number | bigint }[]>(
    `SELECT ${bucket} AS "bucket", COUNT(*) AS "decided" FROM "CampaignItem" WHERE "campaignId" = ${bind(campaignId)} AND "decidedAt" IS NOT NULL GROUP BY 1`,
    ...params,
  );
  const decided = new Array<number>(ends.length).fill(0);
  for (const row of rows) decided[Number(row.bucket)] = Number(row.decided);
  return decided;
}

async function burndown(campaign: Campaign, total: number, now: Date): Promise<TCampaignStats["burndown"]> {
  if (!campaign.launchedAt) return null;
  const from = campaign.launchedAt;
  const to = campaign.closedAt ?? (now > campaign.dueAt ? now : campaign.dueAt);
  const firstDay = Math.floor(from.getTime() / DAY) * DAY;
  const days = Math.max(1, Math.floor(to.getTime() / DAY) - firstDay / DAY + 1);
  const bucketDays = Math.ceil(days / MAX_POINTS);
  const lastDays = Array.from({ length: Math.ceil(days / bucketDays) }, (_, index) => Math.min(days, (index + 1) * bucketDays) - 1);
  const decidedIn = await decidedPerBucket(campaign.id, lastDays.map((lastDay) => new Date(firstDay + (lastDay + 1) * DAY)));

  const today = Math.floor((now.getTime() - firstDay) / DAY);
  let decided = 0;
  const points = lastDays.map((lastDay, index) => {
    decided += decidedIn[index]!;
    return { date: new Date(firstDay + lastDay * DAY).toISOString().slice(0, 10), open: index * bucketDays > today ? null : Math.max(0, total - decided) };
  });
  return { from: from.toISOString(), to: to.toISOString(), bucketDays, points };
}

export async function campaignStats(options: { actor: Actor; campaignId: string; view?: "full" | "totals"; now?: Date }): Promise<TCampaignStats> {
  assertCan(options.actor, "campaigns:read");
  const now = options.now ?? new Date();
  const campaign = await db().campaign.findUnique({ where: { id: options.campaignId }, select: { id: true, status: true, dueAt: true, launchedAt: true, closedAt: true } });
  if (!campaign) throw notFound("Campaign");

  const byStatus = emptyByStatus();
  const groups = await db().campaignItem.groupBy({ by: ["status"], where: { campaignId: campaign.id }, _count: { _all: true } });
  for (const group of groups) if (group.status in byStatus) byStatus[group.status as keyof ByStatus] += group._count._all;
  const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
  const open = byStatus.open + byStatus.escalated;
  const [reviewers, burn] = options.view === "totals" ? [null, null] : await Promise.all([reviewerStats(campaign, now), burndown(campaign, total, now)]);

  return {
    campaignId: campaign.id,
    status: campaign.status as TCampaignStats["status"],
    asOf: now.toISOString(),
    total,
    decided: total - open,
    open,
    overdue: isOverdue(campaign, now) ? open : 0,
    byStatus,
    reviewers,
    burndown: burn,
  };
}
