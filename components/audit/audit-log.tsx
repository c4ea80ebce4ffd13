"use client";
// The audit explorer: filters kept in the URL (so any view can be linked), the
// events newest first by chain position, an event's full record, its
// delegation chain, and the export of exactly the filtered events.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { auditColumns } from "@/components/audit/audit-columns";
import { AuditEventDialog } from "@/components/audit/audit-event-dialog";
import { AuditFilterChips } from "@/components/audit/audit-filter-chips";
import { AuditFilters } from "@/components/audit/audit-filters";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { filterFromParams, filterToParams, isFiltered } from "@/lib/audit/filter-params";
import type { TAuditEvent, TAuditFilter } from "@/lib/audit/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useAuditEvents } from "@/lib/query/audit/use-audit-events";

const PAGE_SIZE = 50;

export function AuditLog() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  const focusId = searchParams.get("event");
  const [selected, setSelected] = useState<TAuditEvent | null>(null);
  const pagination = useCursorPagination();

  function navigate(next: TAuditFilter, event: string | null = null) {
    const params = filterToParams(next);
    if (event) params.set("event", event);
    pagination.reset();
    router.replace(`${pathname}${params.size > 0 ? `?${params}` : ""}`, { scroll: false });
  }

  const { data, isPending, isFetching, error } = useAuditEvents({ ...filter, cursor: pagination.cursor, limit: PAGE_SIZE });
  // an event named in the URL (a link from the integrity panel or a chain) opens without being on this page
  const linked = useAuditEvents({ id: focusId ?? undefined, limit: 1 }, { enabled: Boolean(focusId) && selected?.id !== focusId });
  const open = selected ?? (focusId ? (linked.data?.items[0] ?? null) : null);
  const names = { ...linked.data?.names, ...data?.names };
  const filtered = isFiltered(filter);
  const exportQuery = filterToParams(filter).toString();

  function close() {
    setSelected(null);
    if (focusId) navigate(filter);
  }

  return (
    <div className="flex flex-col gap-4">
      <AuditFilters filter={filter} onChange={(next) => navigate(next)} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <AuditFilterChips filter={filter} names={names} onChange={(next) => navigate(next)} />
        <div className="flex items-center gap-2 text-sm" data-testid="audit-export">
          <span className="text-slate-500">Export {filtered ? "these events" : "all events"}:</span>
          <a className="rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500" href={`/api/v1/audit/export?format=csv${exportQuery ? `&${exportQuery}` : ""}`} download>
            CSV
          </a>
          <a className="rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500" href={`/api/v1/audit/export?format=jsonl${exportQuery ? `&${exportQuery}` : ""}`} download>
            JSON Lines
          </a>
        </div>
      </div>
      <div data-testid="audit-table">
        <DataTable
          caption="Audit events, newest first"
          columns={auditColumns(names)}
          rows={data?.items}
          getRowId={(event) => event.id}
          loading={isPending}
          error={error ? error.message : null}
          onRowClick={setSelected}
          rowLabel={(event) => `Show event ${event.seq}: ${event.action}, ${event.outcome}, ${formatDateTime(event.occurredAt)}`}
          empty={
            filtered ? (
              <EmptyState title="No events match" description="Widen the time range, remove a filter, or clear them all." />
            ) : (
              <EmptyState title="No audit events yet" description="Events appear here as people sign in, agents get tokens and gateways report decisions." />
            )
          }
        />
      </div>
      {data?.searchedBackTo ? (
        <p className="text-sm text-slate-600" data-testid="audit-search-window">
          Text search looks through 100,000 events a page: this page searched back to event #{data.searchedBackTo}. Next searches older events; a time range or another filter narrows the search.
        </p>
      ) : null}
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {open ? <AuditEventDialog key={open.id} event={open} names={names} onClose={close} onFilter={(next) => { setSelected(null); navigate(next); }} /> : null}
    </div>
  );
}
