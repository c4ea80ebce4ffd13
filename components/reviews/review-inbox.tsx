"use client";
// "My reviews": the items assigned to me across running campaigns, with the
// evidence each needs (components/reviews/item-evidence.tsx). Certify at once
// (with a comment where required: irreversible-tier access); revoke, modify
// and reassign ask for a comment (components/reviews/decision-dialog.tsx).
// Keyboard shortcuts work through the list (use-review-keys.ts); bulk
// decisions certify many items, each recorded on its own. A conflict (someone
// decided it meanwhile) is shown and the list refreshes.
import { useCallback, useMemo, useState } from "react";
import { BulkActions } from "@/components/reviews/bulk-actions";
import { DecisionDialog, type DialogDecision } from "@/components/reviews/decision-dialog";
import { ItemEvidence } from "@/components/reviews/item-evidence";
import { itemTitle, snapshotOf } from "@/components/reviews/item-title";
import { REVIEW_SHORTCUTS, useReviewKeys, type ReviewKeyAction } from "@/components/reviews/use-review-keys";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { useToast } from "@/components/ui/toast";
import type { TDecideItemInput, TReviewItem } from "@/lib/campaigns/schemas";
import { formatDateTime } from "@/lib/format/date";
import { ApiError } from "@/lib/query/api-fetch";
import { useDecideItem } from "@/lib/query/reviews/use-decide-item";
import { useMyReviews } from "@/lib/query/reviews/use-my-reviews";

const PAGE_SIZE = 100;

const needsComment = (item: TReviewItem) => item.targetType === "grant_tool" && snapshotOf(item).tier === "irreversible";

export function ReviewInbox() {
  const pagination = useCursorPagination();
  const { data, isPending, isFetching, error } = useMyReviews({ status: "open", cursor: pagination.cursor, limit: PAGE_SIZE });
  const decide = useDecideItem();
  const { toast } = useToast();
  const [dialog, setDialog] = useState<{ item: TReviewItem; decision: DialogDecision } | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [help, setHelp] = useState(false);
  const items = useMemo(() => data?.items ?? [], [data]);
  const readItems = items.filter((item) => snapshotOf(item).tier === "read").length;

  const certifyNow = useCallback(
    async (item: TReviewItem) => {
      try {
        await decide.mutateAsync({ itemId: item.id, input: { decision: "certify", version: item.version } });
        toast({ title: "Certified", description: itemTitle(item), tone: "success" });
      } catch (thrown) {
        toast({ title: "Not certified", description: thrown instanceof ApiError ? thrown.message : "The decision failed", tone: "error" });
      }
    },
    [decide, toast],
  );

  const start = useCallback(
    (item: TReviewItem, decision: DialogDecision) => {
      setActive(item.id);
      if (decision === "certify" && !needsComment(item)) void certifyNow(item);
      else if (decision === "revoke" && item.targetType === "tool") toast({ title: "Tools are not revoked", description: "Certify the tier, or modify it.", tone: "error" });
      else setDialog({ item, decision });
    },
    [certifyNow, toast],
  );

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKeyAction = useCallback(
    (action: ReviewKeyAction, id: string | null) => {
      if (action === "help") return setHelp(true);
      const item = items.find((candidate) => candidate.id === id);
      if (!item) return;
      if (action === "select") toggle(item.id);
      else start(item, action);
    },
    [items, start],
  );
  useReviewKeys({ ids: items.map((item) => item.id), active, setActive, onAction: onKeyAction, disabled: dialog !== null || help });

  const columns: Column<TReviewItem>[] = [
    {
      key: "select",
      header: "Select",
      cell: (item) => <input type="checkbox" className="h-4 w-4" aria-label={`Select ${itemTitle(item)}`} checked={selected.has(item.id)} onChange={() => toggle(item.id)} />,
    },
    { key: "what", header: "Review", cell: (item) => <span className="font-medium">{itemTitle(item)}</span> },
    { key: "tier", header: "Tier", cell: (item) => (snapshotOf(item).tier ? <Badge tone={snapshotOf(item).tier === "irreversible" ? "danger" : "neutral"}>{snapshotOf(item).tier}</Badge> : "—") },
    { key: "evidence", header: "Evidence", cell: (item) => <ItemEvidence item={item} /> },
    {
      key: "campaign",
      header: "Campaign",
      cell: (item) => (
        <span>
          {item.campaign.name}
          <span className="block text-xs text-slate-500">{`due ${formatDateTime(item.campaign.dueAt)}`}</span>
          {item.status === "escalated" ? <Badge tone="warning">escalated to you</Badge> : null}
        </span>
      ),
    },
    {
      key: "actions",
      header: "Decision",
      cell: (item) => (
        <span className="flex flex-wrap gap-1.5">
          <Button size="sm" variant="secondary" aria-label={`Certify ${itemTitle(item)}`} onClick={() => start(item, "certify")}>
            Certify
          </Button>
          {item.targetType !== "tool" ? (
            <Button size="sm" variant="danger" aria-label={`Revoke ${itemTitle(item)}`} onClick={() => start(item, "revoke")}>
              Revoke
            </Button>
          ) : null}
          <Button size="sm" variant="secondary" aria-label={`Modify ${itemTitle(item)}`} onClick={() => start(item, "modify")}>
            Modify
          </Button>
          <Button size="sm" variant="secondary" aria-label={`Reassign ${itemTitle(item)}`} onClick={() => start(item, "reassign")}>
            Reassign
          </Button>
        </span>
      ),
    },
  ];

  const submit = async (input: TDecideItemInput) => {
    const item = dialog!.item;
    await decide.mutateAsync({ itemId: item.id, input });
    setDialog(null);
    setSelected((current) => new Set([...current].filter((id) => id !== item.id)));
    toast({ title: { certify: "Certified", revoke: "Revoked", modify: "Modified", reassign: "Reassigned" }[input.decision], description: itemTitle(item), tone: "success" });
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button size="sm" variant="secondary" onClick={() => setHelp(true)}>
          Keyboard shortcuts (?)
        </Button>
        <BulkActions selected={[...selected].filter((id) => items.some((item) => item.id === id))} readItems={readItems} onDone={() => setSelected(new Set())} />
      </div>
      <div data-testid="review-inbox">
        <DataTable
          caption="Items awaiting my review"
          columns={columns}
          rows={data?.items}
          getRowId={(item) => item.id}
          activeRowId={active}
          loading={isPending}
          error={error ? error.message : null}
          empty={<p className="py-6 text-center text-sm text-slate-500">Nothing to review: no open items are assigned to you.</p>}
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {dialog ? <DecisionDialog item={dialog.item} decision={dialog.decision} busy={decide.isPending} onSubmit={submit} onClose={() => setDialog(null)} /> : null}
      <Dialog open={help} onClose={() => setHelp(false)} title="Keyboard shortcuts" size="sm">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {REVIEW_SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </Dialog>
    </div>
  );
}
