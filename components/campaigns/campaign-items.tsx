"use client";
// A running or closed campaign's items, filtered by status, in cursor pages: what is reviewed
// (from the launch snapshot), who reviews it, and the decision with its comment.
import { useState } from "react";
import { ItemStatusBadge } from "@/components/campaigns/campaign-status";
import { itemTitle, snapshotOf } from "@/components/reviews/item-title";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { FilterSelect } from "@/components/ui/filter-select";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import type { TReviewItem } from "@/lib/campaigns/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useCampaignItems } from "@/lib/query/campaigns/use-campaign-items";

const PAGE_SIZE = 50;
const FILTERS = [
  { value: "open", label: "Awaiting a decision" },
  { value: "decided", label: "Decided" },
] as const;
type Filter = (typeof FILTERS)[number]["value"];

/** What an item reviews, with the tool's tier for grant and tool items. */
function title(item: TReviewItem): string {
  const { tier } = snapshotOf(item);
  return tier ? `${itemTitle(item)} (${tier})` : itemTitle(item);
}

export function CampaignItems({ campaignId, reviewerName }: { campaignId: string; reviewerName: (userId: string) => string }) {
  const [status, setStatus] = useState<Filter | "">("");
  const pagination = useCursorPagination();
  const { data, isPending, isFetching, error } = useCampaignItems(campaignId, { status: status || "all", cursor: pagination.cursor, limit: PAGE_SIZE });
  const columns: Column<TReviewItem>[] = [
    { key: "what", header: "Item", cell: (item) => <span className="font-medium">{title(item)}</span> },
    { key: "reviewer", header: "Reviewer", cell: (item) => reviewerName(item.reviewerId) },
    { key: "status", header: "Status", cell: (item) => <ItemStatusBadge status={item.status} /> },
    { key: "decided", header: "Decided", cell: (item) => (item.decidedAt ? formatDateTime(item.decidedAt) : "—") },
    { key: "comment", header: "Comment", cell: (item) => <span className="break-words text-slate-600">{item.comment ?? ""}</span> },
  ];
  return (
    <Card title="Items" description="Each item as it was at the launch, with its reviewer and decision.">
      <div className="flex flex-col gap-3">
        <FilterSelect
          id="campaign-items-status"
          label="Show"
          allLabel="All items"
          className="w-56"
          value={status}
          onChange={(value) => {
            setStatus(value);
            pagination.reset();
          }}
          options={FILTERS}
        />
        <div data-testid="campaign-items">
          <DataTable
            caption="Campaign items"
            columns={columns}
            rows={data?.items}
            getRowId={(item) => item.id}
            loading={isPending}
            error={error ? error.message : null}
            empty={<p className="py-6 text-center text-sm text-slate-500">{status === "open" ? "Nothing awaits a decision." : status === "decided" ? "Nothing decided yet." : "This campaign has no items."}</p>}
          />
        </div>
        <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      </div>
    </Card>
  );
}
