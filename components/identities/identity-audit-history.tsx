"use client";
// The audit events whose target is one identity, newest first; a row opens the full event.
import Link from "next/link";
import { useState } from "react";
import { AuditEventDialog } from "@/components/audit/audit-event-dialog";
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

export function IdentityAuditHistory({ identityId, identityName }: { identityId: string; identityName: string }) {
  const pagination = useCursorPagination();
  const [selected, setSelected] = useState<TAuditEvent | null>(null);
  const { data, isPending, isFetching, error } = useAuditEvents({ targetId: identityId, cursor: pagination.cursor, limit: PAGE_SIZE });

  return (
    <div data-testid="identity-audit-history">
      <DataTable
        caption={`Audit history of ${identityName}`}
        columns={columns}
        rows={data?.items}
        getRowId={(event) => event.id}
        loading={isPending}
        error={error ? error.message : null}
        onRowClick={setSelected}
        rowLabel={(event) => `${event.action} at ${formatDateTime(event.occurredAt)}`}
        empty={<p className="py-6 text-center text-sm text-slate-500">No audit events for this identity yet.</p>}
      />
      <div className="flex flex-wrap items-center justify-between gap-3 px-4">
        <Link href={`/audit?targetId=${encodeURIComponent(identityId)}`} className="py-3 text-sm text-indigo-600 hover:underline">
          Open in the audit log
        </Link>
        <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      </div>
      {selected ? <AuditEventDialog event={selected} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}
