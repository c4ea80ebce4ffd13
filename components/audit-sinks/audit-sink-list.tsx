"use client";
// The audit sinks table: where each sink forwards, what it selects, and how it
// is doing (cursor, lag behind the head of the log, last success, last error);
// admins retry a failing sink, enable or disable it, or delete it.
import { useState } from "react";
import { AuditSinkStatusBadge, KIND_LABELS } from "@/components/audit-sinks/audit-sink-status";
import { DeleteAuditSinkDialog } from "@/components/audit-sinks/delete-audit-sink-dialog";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { useToast } from "@/components/ui/toast";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";
import { formatDateTime } from "@/lib/format/date";
import { ApiError } from "@/lib/query/api-fetch";
import { useAuditSinks } from "@/lib/query/audit-sinks/use-audit-sinks";
import { useRetryAuditSink } from "@/lib/query/audit-sinks/use-retry-audit-sink";
import { useUpdateAuditSink } from "@/lib/query/audit-sinks/use-update-audit-sink";

const PAGE_SIZE = 25;

function FilterCell({ sink }: { sink: TAuditSink }) {
  const names = [...sink.filter.classes, ...sink.filter.actions];
  if (names.length === 0) return <span className="text-slate-500">All events</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {names.map((name) => (
        <li key={name} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-700">
          {name}
        </li>
      ))}
    </ul>
  );
}

function StatusCell({ sink }: { sink: TAuditSink }) {
  return (
    <span className="flex flex-col items-start gap-1">
      <AuditSinkStatusBadge sink={sink} />
      {sink.nextAttemptAt ? <span className="text-xs whitespace-nowrap text-slate-500">Next try {formatDateTime(sink.nextAttemptAt)}</span> : null}
      {sink.lastError ? (
        <span className={sink.status === "failing" ? "text-xs break-all text-red-700" : "text-xs break-all text-slate-500"} title="Last error">
          {sink.status === "failing" ? sink.lastError : `Earlier: ${sink.lastError}`}
        </span>
      ) : null}
    </span>
  );
}

export function AuditSinkList({ canManage }: { canManage: boolean }) {
  const pagination = useCursorPagination();
  const { data, isPending, isFetching, error } = useAuditSinks({ cursor: pagination.cursor, limit: PAGE_SIZE });
  const updateSink = useUpdateAuditSink();
  const retrySink = useRetryAuditSink();
  const { toast } = useToast();
  const [deleting, setDeleting] = useState<TAuditSink | null>(null);

  const failed = (title: string, thrown: unknown) => toast({ title, description: thrown instanceof ApiError ? thrown.message : "The request failed", tone: "error" });

  const toggle = async (sink: TAuditSink) => {
    try {
      await updateSink.mutateAsync({ id: sink.id, input: { enabled: !sink.enabled } });
      toast({ title: sink.enabled ? "Sink disabled" : "Sink enabled", description: sink.name, tone: "success" });
    } catch (thrown) {
      failed("Nothing changed", thrown);
    }
  };

  const retry = async (sink: TAuditSink) => {
    try {
      const after = await retrySink.mutateAsync(sink.id);
      if (after.status === "ok") toast({ title: "Forwarding again", description: `${sink.name}: ${after.lag} events behind`, tone: "success" });
      else toast({ title: "Still failing", description: after.lastError ?? sink.name, tone: "error" });
    } catch (thrown) {
      failed("Retry failed", thrown);
    }
  };

  const columns: Column<TAuditSink>[] = [
    {
      key: "sink",
      header: "Sink",
      cell: (sink) => (
        <span className="flex flex-col">
          <span className="font-medium text-slate-900">{sink.name}</span>
          <span className="text-xs text-slate-500">{KIND_LABELS[sink.kind]}</span>
          <span className="font-mono text-xs break-all text-slate-700">{sink.target}</span>
        </span>
      ),
    },
    { key: "filter", header: "Forwards", cell: (sink) => <FilterCell sink={sink} /> },
    { key: "status", header: "Status", cell: (sink) => <StatusCell sink={sink} /> },
    {
      key: "position",
      header: "Position",
      cell: (sink) => (
        <span className="flex flex-col text-xs whitespace-nowrap">
          <span>
            Cursor <span className="font-mono">{sink.cursorSeq}</span>
          </span>
          <span className={sink.lag > 0 ? "text-amber-800" : "text-slate-500"}>{sink.lag === 0 ? "Caught up" : `${sink.lag.toLocaleString("en")} behind`}</span>
        </span>
      ),
    },
    { key: "lastSuccessAt", header: "Last delivery", cell: (sink) => <span className="whitespace-nowrap">{formatDateTime(sink.lastSuccessAt)}</span> },
    ...(canManage
      ? [
          {
            key: "actions",
            header: "Actions",
            className: "text-right",
            cell: (sink: TAuditSink) => (
              <span className="flex justify-end gap-2">
                {sink.status === "failing" ? (
                  <Button size="sm" variant="secondary" aria-label={`Retry ${sink.name} now`} loading={retrySink.isPending && retrySink.variables === sink.id} disabled={retrySink.isPending} onClick={() => void retry(sink)}>
                    Retry now
                  </Button>
                ) : null}
                <Button size="sm" variant="secondary" aria-label={`${sink.enabled ? "Disable" : "Enable"} ${sink.name}`} disabled={updateSink.isPending} onClick={() => void toggle(sink)}>
                  {sink.enabled ? "Disable" : "Enable"}
                </Button>
                <Button size="sm" variant="danger" aria-label={`Delete ${sink.name}`} onClick={() => setDeleting(sink)}>
                  Delete
                </Button>
              </span>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="flex flex-col gap-4">
      <div data-testid="audit-sinks-table">
        <DataTable
          caption="Audit sinks"
          columns={columns}
          rows={data?.items}
          getRowId={(sink) => sink.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={
            <EmptyState
              title="No audit sinks yet"
              description={
                canManage
                  ? "Add a sink to forward the audit log to your SIEM over https, to a JSON Lines file, or to a syslog server. Each event goes out once it is in the log, in order, and failed deliveries are retried."
                  : "An admin can add sinks that forward the audit log to a SIEM, a JSON Lines file or a syslog server."
              }
            />
          }
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {deleting ? <DeleteAuditSinkDialog key={deleting.id} sink={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}
