"use client";
// A draft's preview: how many items launching now would generate, and how many each reviewer
// would get — flagging reviewers who take items as the admin fallback (nobody in the owner chain could).
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import type { TCampaignPreview } from "@/lib/campaigns/schemas";
import { useCampaignPreview } from "@/lib/query/campaigns/use-campaign-preview";

type Reviewer = TCampaignPreview["reviewers"][number];

const columns: Column<Reviewer>[] = [
  {
    key: "reviewer",
    header: "Reviewer",
    cell: (reviewer) => (
      <span>
        <span className="font-medium">{reviewer.name}</span> <span className="text-xs text-slate-500">{reviewer.email}</span>
      </span>
    ),
  },
  { key: "items", header: "Items", cell: (reviewer) => <span className="tabular-nums">{reviewer.items}</span> },
  { key: "fallback", header: "Fallback", cell: (reviewer) => (reviewer.fallback ? <Badge tone="warning">admin fallback</Badge> : null) },
];

export const previewSummary = (preview: TCampaignPreview) =>
  `${preview.items} item${preview.items === 1 ? "" : "s"} for ${preview.reviewers.length} reviewer${preview.reviewers.length === 1 ? "" : "s"}`;

export function CampaignPreview({ campaignId }: { campaignId: string }) {
  const preview = useCampaignPreview(campaignId);
  const fallback = preview.data?.reviewers.some((reviewer) => reviewer.fallback);
  return (
    <Card
      title="Preview"
      description={preview.data ? `Launching now would generate ${previewSummary(preview.data)}.` : "What launching now would generate, per reviewer."}
      actions={
        <Button size="sm" variant="secondary" onClick={() => void preview.refetch()} loading={preview.isFetching}>
          Refresh preview
        </Button>
      }
    >
      <div className="flex flex-col gap-3" data-testid="campaign-preview">
        {fallback ? <p className="text-sm text-amber-800">Some items have no owner who can review them (deactivated or missing): they go to an admin.</p> : null}
        <DataTable
          caption="Items per reviewer if launched now"
          columns={columns}
          rows={preview.data?.reviewers}
          getRowId={(reviewer) => reviewer.userId}
          loading={preview.isPending}
          error={preview.error ? preview.error.message : null}
          empty={<p className="py-6 text-center text-sm text-slate-500">Nothing matches the filters: launching now would generate no items.</p>}
        />
      </div>
    </Card>
  );
}
