"use client";
// The campaigns list, newest first: name, type, status, due date, decisions so far and when it was
// created; filtered by status, in cursor pages. Admins get "New campaign" in the empty state.
import Link from "next/link";
import { useState } from "react";
import { campaignHref, STATUS_LABELS, TYPE_LABELS, type CampaignStatus } from "@/components/campaigns/campaign-labels";
import { CampaignStatusBadge, ProgressBar } from "@/components/campaigns/campaign-status";
import { Button, ButtonLink } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterSelect } from "@/components/ui/filter-select";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { CAMPAIGN_STATUSES, type TCampaign } from "@/lib/campaigns/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useCampaignStats } from "@/lib/query/campaigns/use-campaign-stats";
import { useCampaigns } from "@/lib/query/campaigns/use-campaigns";

const PAGE_SIZE = 25;

/** decided / total for a launched campaign (one cheap counts query per row). */
function Progress({ campaign }: { campaign: TCampaign }) {
  const launched = campaign.status !== "draft";
  const stats = useCampaignStats(campaign.id, { view: "totals", enabled: launched });
  if (!launched) return <span className="text-slate-400">not launched</span>;
  if (!stats.data) return <span className="text-slate-400">…</span>;
  return <ProgressBar value={stats.data.decided} max={stats.data.total} label={`${stats.data.decided}/${stats.data.total}`} caption={`${campaign.name}: decided`} />;
}

const columns: Column<TCampaign>[] = [
  {
    key: "name",
    header: "Name",
    cell: (campaign) => (
      <Link href={campaignHref(campaign.id)} className="font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
        {campaign.name}
      </Link>
    ),
  },
  { key: "type", header: "Type", cell: (campaign) => TYPE_LABELS[campaign.type] },
  { key: "status", header: "Status", cell: (campaign) => <CampaignStatusBadge status={campaign.status} /> },
  { key: "due", header: "Due", cell: (campaign) => formatDateTime(campaign.dueAt) },
  { key: "progress", header: "Decided", cell: (campaign) => <Progress campaign={campaign} /> },
  { key: "created", header: "Created", cell: (campaign) => formatDateTime(campaign.createdAt) },
];

export function CampaignList({ canManage }: { canManage: boolean }) {
  const [status, setStatus] = useState<CampaignStatus | "">("");
  const pagination = useCursorPagination();
  const { data, isPending, isFetching, error } = useCampaigns({ status: status || undefined, cursor: pagination.cursor, limit: PAGE_SIZE });
  const clear = () => {
    setStatus("");
    pagination.reset();
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <FilterSelect
          id="campaigns-filter-status"
          label="Status"
          allLabel="All statuses"
          value={status}
          onChange={(value) => {
            setStatus(value);
            pagination.reset();
          }}
          options={CAMPAIGN_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))}
        />
      </div>
      <div data-testid="campaigns-table">
        <DataTable
          caption="Recertification campaigns"
          columns={columns}
          rows={data?.items}
          getRowId={(campaign) => campaign.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={
            status ? (
              <EmptyState
                title={`No ${STATUS_LABELS[status].toLowerCase()} campaigns`}
                description="Try another status, or show them all."
                action={
                  <Button variant="secondary" onClick={clear}>
                    Show all campaigns
                  </Button>
                }
              />
            ) : (
              <EmptyState
                title="No campaigns yet"
                description={
                  canManage
                    ? "A campaign asks owners to confirm or remove the identities, grants and tools they own by a deadline. Start from a template such as the quarterly review of irreversible access."
                    : "An admin starts campaigns; their progress and evidence appear here."
                }
                action={canManage ? <ButtonLink href="/campaigns/new">New campaign</ButtonLink> : undefined}
              />
            )
          }
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
    </div>
  );
}
