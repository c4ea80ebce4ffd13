"use client";
// The audit events whose target is one MCP server, newest first.
import Link from "next/link";
import { AuditActor } from "@/components/audit/audit-target";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import type { TAuditEvent } from "@/lib/audit/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useAuditEvents } from "@/lib/query/audit/use-audit-events";

const PAGE_SIZE = 10;

const columns: Column<TAuditEvent>[] = [
  { key: "time", header: "Time", cell: (event) => <time dateTime={event.occurredAt} className="whitespace-nowrap">{formatDateTime(event.occurredAt)}</time> },
  { key: "action", header: "Action", cell: (event) => <span className="font-mono text-xs">{event.action}</span> },
  { key: "actor", header: "Actor", cell: (event) => <AuditActor actor={event.actor} /> },
  { key: "outcome", header: "Outcome", cell: (event) => <OutcomeBadge outcome={event.outcome} /> },
];

export function ServerAuditHistory({ serverId, serverName }: { serverId: string; serverName: string }) {
  const pagination = useCursorPagination();
  const { data, isPending, isFetching, error } = useAuditEvents({ targetId: serverId, cursor: pagination.cursor, limit: PAGE_SIZE });

  return (
    <div data-testid="server-audit-history">
      <DataTable
        caption={`Audit history of ${serverName}`}
        columns={columns}
        rows={data?.items}
        getRowId={(event) => event.id}
        loading={isPending}
        error={error ? error.message : null}
        empty={<p className="py-6 text-center text-sm text-slate-500">No audit events for this server yet.</p>}
      />
      <div className="flex flex-wrap items-center justify-between gap-3 px-4">
        <Link href={`/audit?targetId=${encodeURIComponent(serverId)}`} className="text-sm text-indigo-600 hover:underline">
          Open in the audit log
        </Link>
        <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      </div>
    </div>
  );
}
