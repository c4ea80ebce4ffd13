"use client";
// A running or closed campaign's dashboard: totals, the decisions by outcome, progress per
// reviewer, the burn-down and the items. Refreshes every 30 seconds while the campaign runs.
import { BurndownChart } from "@/components/campaigns/burndown-chart";
import { CampaignItems } from "@/components/campaigns/campaign-items";
import { ITEM_STATUS_LABELS } from "@/components/campaigns/campaign-labels";
import { ItemStatusBadge, ProgressBar } from "@/components/campaigns/campaign-status";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Spinner } from "@/components/ui/spinner";
import { ITEM_STATUSES, type TCampaign } from "@/lib/campaigns/schemas";
import type { TCampaignStats } from "@/lib/campaigns/stats-schema";
import { useCampaignStats } from "@/lib/query/campaigns/use-campaign-stats";

type ReviewerRow = NonNullable<TCampaignStats["reviewers"]>[number];
const nf = new Intl.NumberFormat("en-US");

function Tile({ label, value, detail, tone = "default" }: { label: string; value: number; detail?: string; tone?: "default" | "danger" }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid={`tile-${label.toLowerCase()}`}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "danger" && value > 0 ? "text-red-700" : "text-slate-900"}`}>{nf.format(value)}</dd>
      {detail ? <dd className="text-xs text-slate-500">{detail}</dd> : null}
    </div>
  );
}

const reviewerColumns: Column<ReviewerRow>[] = [
  {
    key: "reviewer",
    header: "Reviewer",
    cell: (row) => (
      <span>
        <span className="font-medium">{row.name}</span> <span className="text-xs text-slate-500">{row.email}</span>
      </span>
    ),
  },
  { key: "assigned", header: "Assigned", cell: (row) => <span className="tabular-nums">{row.assigned}</span> },
  { key: "decided", header: "Decided", cell: (row) => <ProgressBar value={row.decided + row.settled} max={row.assigned} label={`${row.decided}${row.settled ? ` + ${row.settled} at the deadline` : ""}`} caption={`${row.name}: decided`} /> },
  { key: "open", header: "Open", cell: (row) => <span className="tabular-nums">{row.open}</span> },
  { key: "overdue", header: "Overdue", cell: (row) => <span className={`tabular-nums ${row.overdue > 0 ? "font-semibold text-red-700" : ""}`}>{row.overdue}</span> },
];

function Breakdown({ stats }: { stats: TCampaignStats }) {
  return (
    <Card title="Decisions" description="Every item by where it stands; escalated items are still open, with the fallback admin.">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4" data-testid="campaign-breakdown">
        {ITEM_STATUSES.map((status) => (
          <div key={status} className="flex items-center justify-between gap-2">
            <dt>
              <ItemStatusBadge status={status} />
            </dt>
            <dd className="tabular-nums text-slate-900" aria-label={`${ITEM_STATUS_LABELS[status]}: ${stats.byStatus[status]}`}>
              {nf.format(stats.byStatus[status])}
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

export function CampaignDashboard({ campaign }: { campaign: TCampaign }) {
  const { data: stats, error } = useCampaignStats(campaign.id, { live: campaign.status === "active" });
  if (error) return <Alert tone="danger" title="Could not load the campaign's progress">{error.message}</Alert>;
  if (!stats) return <Spinner label="Loading the campaign's progress" />;
  const names = new Map((stats.reviewers ?? []).map((row) => [row.userId, row.name]));
  const percent = stats.total > 0 ? Math.round((stats.decided / stats.total) * 100) : 0;

  return (
    <div className="flex flex-col gap-6" data-testid="campaign-dashboard">
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Tile label="Items" value={stats.total} detail={campaign.itemsTotal !== null && campaign.itemsTotal !== stats.total ? `of ${campaign.itemsTotal} at the launch` : undefined} />
        <Tile label="Decided" value={stats.decided} detail={`${percent}% done`} />
        <Tile label="Open" value={stats.open} detail={stats.byStatus.escalated ? `${stats.byStatus.escalated} escalated` : undefined} />
        <Tile label="Overdue" value={stats.overdue} tone="danger" detail={stats.overdue > 0 ? "open past the due date" : "nothing past the due date"} />
      </dl>
      <Breakdown stats={stats} />
      <Card title="Progress by reviewer" flush>
        <div data-testid="campaign-reviewers">
          <DataTable
          caption="Progress by reviewer"
          columns={reviewerColumns}
          rows={stats.reviewers ?? []}
          getRowId={(row) => row.userId}
          empty={<p className="py-6 text-center text-sm text-slate-500">No items were generated.</p>}
          />
        </div>
      </Card>
      {stats.burndown ? (
        <Card title="Burn-down">
          <BurndownChart burndown={stats.burndown} total={stats.total} />
        </Card>
      ) : null}
      <CampaignItems campaignId={campaign.id} reviewerName={(userId) => names.get(userId) ?? userId} />
    </div>
  );
}
