"use client";
// An identity's activity: every audit event it appears in, in any role (actor,
// target, agent, server, resource, gateway), through the explorer's own query
// (GET /api/v1/audit/events?identity=…), with tabs by event type.
import Link from "next/link";
import { useState } from "react";
import { auditColumns } from "@/components/audit/audit-columns";
import { AuditEventDialog } from "@/components/audit/audit-event-dialog";
import { DataTable } from "@/components/ui/data-table";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import type { EventClass } from "@/lib/audit/event-classes";
import type { TAuditEvent } from "@/lib/audit/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useAuditEvents } from "@/lib/query/audit/use-audit-events";

const PAGE_SIZE = 10;
const TABS: { value: EventClass | ""; label: string }[] = [
  { value: "", label: "All activity" },
  { value: "token", label: "Tokens" },
  { value: "mcp", label: "Tool calls and decisions" },
  { value: "administration", label: "Changes" },
  { value: "review", label: "Reviews" },
];

export function IdentityAuditHistory({ identityId, identityName }: { identityId: string; identityName: string }) {
  const pagination = useCursorPagination();
  const [tab, setTab] = useState<EventClass | "">("");
  const [selected, setSelected] = useState<TAuditEvent | null>(null);
  const { data, isPending, isFetching, error } = useAuditEvents({ identity: identityId, class: tab || undefined, cursor: pagination.cursor, limit: PAGE_SIZE });
  const names = data?.names ?? {};
  const explorer = `/audit?identity=${encodeURIComponent(identityId)}${tab ? `&class=${tab}` : ""}`;

  return (
    <div data-testid="identity-audit-history">
      <div role="tablist" aria-label="Activity by type" className="flex flex-wrap gap-1 border-b border-slate-200 px-4 pt-2">
        {TABS.map((item) => (
          <button
            key={item.value || "all"}
            type="button"
            role="tab"
            aria-selected={tab === item.value}
            className={`rounded-t-md px-3 py-1.5 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${tab === item.value ? "border-b-2 border-indigo-600 font-medium text-indigo-700" : "text-slate-600 hover:text-slate-900"}`}
            onClick={() => {
              setTab(item.value);
              pagination.reset();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <DataTable
          caption={`Activity of ${identityName}`}
          columns={auditColumns(names)}
          rows={data?.items}
          getRowId={(event) => event.id}
          loading={isPending}
          error={error ? error.message : null}
          onRowClick={setSelected}
          rowLabel={(event) => `${event.action} at ${formatDateTime(event.occurredAt)}`}
          empty={<p className="py-6 text-center text-sm text-slate-500">{tab ? "No events of this type for this identity." : "No activity for this identity yet."}</p>}
        />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 px-4">
        <Link href={explorer} className="py-3 text-sm text-indigo-600 hover:underline">
          Open in the audit log
        </Link>
        <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      </div>
      {selected ? <AuditEventDialog event={selected} names={names} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}
