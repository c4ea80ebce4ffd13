"use client";
// "My reviews": the items assigned to me across running campaigns, with the
// evidence each needs (a grant's tool, tier and justification; an identity's
// status and keys). Certify at once, or with a comment where one is required
// (irreversible-tier access); revoke always asks for a comment. A conflict
// (someone decided it meanwhile) is shown and the list refreshes.
import { useState } from "react";
import { ReasonConfirmDialog } from "@/components/catalog/reason-confirm-dialog";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { useToast } from "@/components/ui/toast";
import type { TReviewItem } from "@/lib/campaigns/schemas";
import { formatDateTime } from "@/lib/format/date";
import { ApiError } from "@/lib/query/api-fetch";
import { useBulkDecide } from "@/lib/query/reviews/use-bulk-decide";
import { useDecideItem } from "@/lib/query/reviews/use-decide-item";
import { useMyReviews } from "@/lib/query/reviews/use-my-reviews";

const PAGE_SIZE = 50;
type Snapshot = { tool?: string; tier?: string | null; scope?: string; justification?: string; agent?: { name?: string }; server?: { name?: string }; name?: string; kind?: string; status?: string; keys?: unknown[] };

function title(item: TReviewItem): string {
  const snapshot = item.snapshot as Snapshot;
  if (item.targetType === "grant_tool") return `${snapshot.agent?.name ?? "agent"} → ${snapshot.tool ?? "tool"} on ${snapshot.server?.name ?? "server"}`;
  if (item.targetType === "tool") return `${snapshot.name ?? "tool"} on ${snapshot.server?.name ?? "server"}`;
  return `${snapshot.name ?? item.targetId} (${snapshot.kind ?? "identity"})`;
}

function Evidence({ item }: { item: TReviewItem }) {
  const snapshot = item.snapshot as Snapshot;
  if (item.targetType === "identity") return <span className="text-sm text-slate-600">{`${snapshot.status ?? ""} · ${Array.isArray(snapshot.keys) ? snapshot.keys.length : 0} active key(s)`}</span>;
  return (
    <span className="flex flex-col gap-1 text-sm">
      <span className="font-mono text-xs text-slate-500">{snapshot.scope}</span>
      {snapshot.justification ? <span className="break-words text-slate-600">{snapshot.justification}</span> : null}
    </span>
  );
}

const needsComment = (item: TReviewItem) => item.targetType === "grant_tool" && (item.snapshot as Snapshot).tier === "irreversible";

export function ReviewInbox() {
  const pagination = useCursorPagination();
  const { data, isPending, isFetching, error } = useMyReviews({ status: "open", cursor: pagination.cursor, limit: PAGE_SIZE });
  const decide = useDecideItem();
  const { toast } = useToast();
  const [dialog, setDialog] = useState<{ item: TReviewItem; decision: "certify" | "revoke" } | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const bulk = useBulkDecide();
  const readItems = (data?.items ?? []).filter((item) => (item.snapshot as Snapshot).tier === "read").length;

  const certifyAllRead = async () => {
    try {
      const result = await bulk.mutateAsync({ decision: "certify", filter: { tiers: ["read"] } });
      setBulkOpen(false);
      toast({
        title: `Certified ${result.decided.length} read-tier item${result.decided.length === 1 ? "" : "s"}`,
        description: result.refused.length ? `${result.refused.length} left undecided: ${result.refused[0]!.message}` : "Each is recorded as its own decision.",
        tone: result.refused.length ? "error" : "success",
      });
    } catch (thrown) {
      toast({ title: "Nothing was certified", description: thrown instanceof ApiError ? thrown.message : "The decision failed", tone: "error" });
    }
  };

  const certifyNow = async (item: TReviewItem) => {
    try {
      await decide.mutateAsync({ itemId: item.id, input: { decision: "certify", version: item.version } });
      toast({ title: "Certified", description: title(item), tone: "success" });
    } catch (thrown) {
      toast({ title: "Not certified", description: thrown instanceof ApiError ? thrown.message : "The decision failed", tone: "error" });
    }
  };

  const columns: Column<TReviewItem>[] = [
    { key: "what", header: "Review", cell: (item) => <span className="font-medium">{title(item)}</span> },
    { key: "tier", header: "Tier", cell: (item) => ((item.snapshot as Snapshot).tier ? <Badge tone={(item.snapshot as Snapshot).tier === "irreversible" ? "danger" : "neutral"}>{(item.snapshot as Snapshot).tier}</Badge> : "—") },
    { key: "evidence", header: "Evidence", cell: (item) => <Evidence item={item} /> },
    { key: "campaign", header: "Campaign", cell: (item) => <span>{item.campaign.name}<span className="block text-xs text-slate-500">due {formatDateTime(item.campaign.dueAt)}</span></span> },
    {
      key: "actions",
      header: "Decision",
      cell: (item) => (
        <span className="flex gap-2">
          <Button size="sm" variant="secondary" aria-label={`Certify ${title(item)}`} onClick={() => (needsComment(item) ? setDialog({ item, decision: "certify" }) : void certifyNow(item))}>
            Certify
          </Button>
          <Button size="sm" variant="danger" aria-label={`Revoke ${title(item)}`} onClick={() => setDialog({ item, decision: "revoke" })}>
            Revoke
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-2">
      <div className="flex justify-end">
        <Button size="sm" variant="secondary" disabled={readItems === 0} onClick={() => setBulkOpen(true)}>
          Certify all read-tier items
        </Button>
      </div>
      <ConfirmDialog
        open={bulkOpen}
        onClose={() => setBulkOpen(false)}
        onConfirm={() => void certifyAllRead()}
        title="Certify all read-tier items"
        description="Every open read-tier item assigned to you, across campaigns, is certified; each is recorded as its own decision."
        confirmLabel="Certify all"
        tone="primary"
        busy={bulk.isPending}
      />
      <div data-testid="review-inbox">
        <DataTable
          caption="Items awaiting my review"
          columns={columns}
          rows={data?.items}
          getRowId={(item) => item.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={<p className="py-6 text-center text-sm text-slate-500">Nothing to review: no open items are assigned to you.</p>}
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {dialog ? (
        <ReasonConfirmDialog
          id="review-comment"
          title={dialog.decision === "revoke" ? "Revoke access" : "Certify irreversible access"}
          description={dialog.decision === "revoke" ? `${title(dialog.item)} is revoked at once and gone from the next policy bundle.` : `${title(dialog.item)} can take actions that cannot be undone: say why it should keep them.`}
          confirmLabel={dialog.decision === "revoke" ? "Revoke" : "Certify"}
          failureTitle="The decision was not recorded"
          reasonRequired
          hint="Recorded with the decision and in the audit log."
          onClose={() => setDialog(null)}
          onSubmit={async (comment) => {
            const { item, decision } = dialog;
            await decide.mutateAsync({ itemId: item.id, input: decision === "revoke" ? { decision, comment: comment ?? "", version: item.version } : { decision, comment, version: item.version } });
            setDialog(null);
            toast({ title: decision === "revoke" ? "Revoked" : "Certified", description: title(item), tone: "success" });
          }}
        />
      ) : null}
    </div>
  );
}
