"use client";
// Audit integrity: the latest chain checks (scheduled and on demand), a prominent alert on a break with the
// first bad event, the latest signed anchor, "Verify integrity" and "Anchor now", and recent retention runs.
import { ChainBreakAlert } from "@/components/audit/chain-break-alert";
import { VerifyChain } from "@/components/audit/verify-chain";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { DescriptionList } from "@/components/ui/description-list";
import { useToast } from "@/components/ui/toast";
import { EVENT_CLASS_LABELS, EVENT_CLASSES } from "@/lib/audit/event-classes";
import type { TAuditCheck, TAuditPrune } from "@/lib/audit/integrity/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useAnchorAuditChain } from "@/lib/query/audit/use-anchor-audit-chain";
import { useAuditIntegrity } from "@/lib/query/audit/use-audit-integrity";

function CheckSummary({ check }: { check: TAuditCheck | null }) {
  if (!check) return <span className="text-slate-500">Not yet run</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Badge tone={check.ok ? "success" : "danger"}>{check.ok ? "intact" : `broken at ${check.firstBreak?.seq ?? "?"}`}</Badge>
      <span>{formatDateTime(check.finishedAt)}</span>
      <span className="text-slate-500">
        {check.checked} events, head {check.headSeq}, {check.anchorsChecked} anchors
      </span>
    </span>
  );
}

const pruneColumns: Column<TAuditPrune>[] = [
  { key: "at", header: "Ran", cell: (run) => formatDateTime(run.at) },
  { key: "class", header: "Event class", cell: (run) => EVENT_CLASS_LABELS[run.eventClass] },
  { key: "cutoff", header: "Pruned before", cell: (run) => formatDateTime(run.cutoff) },
  { key: "pruned", header: "Events pruned", cell: (run) => run.pruned },
  { key: "upTo", header: "Up to event", cell: (run) => run.upToSeq },
];

const days = (value: number | null) => (value === null ? "forever" : `${value} days`);

export function IntegrityPanel({ canVerify, canManage }: { canVerify: boolean; canManage: boolean }) {
  const { data, isPending, error } = useAuditIntegrity();
  const anchor = useAnchorAuditChain();
  const { toast } = useToast();

  if (isPending) return <Card title="Integrity">Loading…</Card>;
  if (error) {
    return (
      <Alert tone="danger" title="Could not load the integrity status">
        {error.message}
      </Alert>
    );
  }
  const latest = data.latestCheck;
  const anchorNow = async () => {
    try {
      const made = await anchor.mutateAsync();
      toast({ title: "Chain head anchored", description: `Event ${made.seq} signed with key ${made.kid.slice(0, 12)}…`, tone: "success" });
    } catch (failure) {
      toast({ title: "Anchoring failed", description: (failure as Error).message, tone: "error" });
    }
  };

  return (
    <div className="flex flex-col gap-4" data-testid="integrity-panel">
      {latest && !latest.ok ? <ChainBreakAlert check={latest} /> : null}
      <Card
        title="Integrity"
        description="The hash chain is verified every minute (in full once a day) and signed anchors of its head show a cut tail."
        actions={
          canManage ? (
            <Button variant="secondary" loading={anchor.isPending} onClick={() => void anchorNow()}>
              Anchor now
            </Button>
          ) : null
        }
      >
        <div className="flex flex-col gap-4">
          <DescriptionList
            items={[
              { label: "Latest check", value: <CheckSummary check={latest} /> },
              { label: "Latest scheduled check", value: <CheckSummary check={data.latestScheduled} /> },
              { label: "Latest on-demand check", value: <CheckSummary check={data.latestUser} /> },
              {
                label: "Latest anchor",
                value: data.latestAnchor ? (
                  <span>
                    Event {data.latestAnchor.seq}, signed {formatDateTime(data.latestAnchor.signedAt)} with key <code className="font-mono text-xs">{data.latestAnchor.kid.slice(0, 16)}…</code> ({data.anchorCount} in all)
                  </span>
                ) : (
                  "None yet"
                ),
              },
              {
                label: "Anchoring",
                value: data.retention.auditAnchorIntervalMinutes === 0 ? "Off (anchors only on request and before pruning)" : `Every ${data.retention.auditAnchorIntervalMinutes} minutes when new events were written`,
              },
              { label: "Retention", value: EVENT_CLASSES.map((eventClass) => `${EVENT_CLASS_LABELS[eventClass]}: ${days(data.retention.auditRetentionDays[eventClass])}`).join(" · ") },
              ...(data.facetBackfillPending ? [{ label: "Index columns", value: "Older events are still being indexed; their index columns are checked once filled in." }] : []),
            ]}
          />
          {canVerify ? <VerifyChain /> : null}
        </div>
      </Card>
      <Card title="Retention runs" description="Each run signs the chain head first; pruned events keep their place and hashes, so the chain still verifies." flush>
        <DataTable caption="Recent retention runs" columns={pruneColumns} rows={data.recentPrunes} getRowId={(run) => run.id} empty={<p className="px-4 py-6 text-sm text-slate-500">Nothing has been pruned yet.</p>} />
      </Card>
    </div>
  );
}
