"use client";
// The audit log explorer: filters, the events table, event details and chain verification.
import { useEffect, useRef, useState } from "react";
import { AuditEventDialog } from "@/components/audit/audit-event-dialog";
import { AuditActor, AuditTarget } from "@/components/audit/audit-target";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { VerifyChain } from "@/components/audit/verify-chain";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { FilterSelect } from "@/components/ui/filter-select";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from "@/lib/audit/actions";
import type { TAuditEvent } from "@/lib/audit/schemas";
import { formatDateTime } from "@/lib/format/date";
import { useAuditEvents } from "@/lib/query/audit/use-audit-events";

const PAGE_SIZE = 50;

const columns: Column<TAuditEvent>[] = [
  { key: "time", header: "Time", cell: (event) => <time dateTime={event.occurredAt} className="whitespace-nowrap">{formatDateTime(event.occurredAt)}</time> },
  { key: "action", header: "Action", cell: (event) => <span className="font-mono text-xs">{event.action}</span> },
  { key: "actor", header: "Actor", cell: (event) => <AuditActor actor={event.actor} /> },
  { key: "target", header: "Target", cell: (event) => <AuditTarget target={event.target} /> },
  { key: "outcome", header: "Outcome", cell: (event) => <OutcomeBadge outcome={event.outcome} /> },
  {
    key: "requestId",
    header: "Request ID",
    cell: (event) => (event.requestId ? <span className="font-mono text-xs">{event.requestId}</span> : <span className="text-slate-400">—</span>),
  },
];

type TextFilters = { targetId: string; requestId: string };

export function AuditLog({
  canVerify,
  initialAction,
  initialTargetId = "",
  initialRequestId = "",
}: {
  canVerify: boolean;
  initialAction?: AuditAction;
  initialTargetId?: string;
  initialRequestId?: string;
}) {
  const [action, setAction] = useState<AuditAction | "">(initialAction ?? "");
  const [outcome, setOutcome] = useState<AuditOutcome | "">("");
  const [typed, setTyped] = useState<TextFilters>({ targetId: initialTargetId, requestId: initialRequestId });
  const [applied, setApplied] = useState<TextFilters>({ targetId: initialTargetId.trim(), requestId: initialRequestId.trim() });
  const [selected, setSelected] = useState<TAuditEvent | null>(null);
  const pagination = useCursorPagination();
  const debounce = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(debounce.current), []);

  function onTextChange(next: TextFilters) {
    setTyped(next);
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => {
      setApplied({ targetId: next.targetId.trim(), requestId: next.requestId.trim() });
      pagination.reset();
    }, 300);
  }

  function clearFilters() {
    window.clearTimeout(debounce.current);
    setAction("");
    setOutcome("");
    setTyped({ targetId: "", requestId: "" });
    setApplied({ targetId: "", requestId: "" });
    pagination.reset();
  }

  const { data, isPending, isFetching, error } = useAuditEvents({
    action: action || undefined,
    outcome: outcome || undefined,
    targetId: applied.targetId || undefined,
    requestId: applied.requestId || undefined,
    cursor: pagination.cursor,
    limit: PAGE_SIZE,
  });

  const filtered = action !== "" || outcome !== "" || applied.targetId !== "" || applied.requestId !== "";

  return (
    <div className="flex flex-col gap-4">
      {canVerify ? (
        <Card title="Integrity" description="Every event carries the hash of the one before it, so edits and deletions break the chain.">
          <VerifyChain />
        </Card>
      ) : null}
      <div className="flex flex-wrap items-end gap-4">
        <FilterSelect
          id="audit-action"
          label="Action"
          allLabel="All actions"
          className="w-64"
          value={action}
          onChange={(value) => {
            setAction(value);
            pagination.reset();
          }}
          options={AUDIT_ACTIONS.map((value) => ({ value, label: value }))}
        />
        <FilterSelect
          id="audit-outcome"
          label="Outcome"
          allLabel="All outcomes"
          value={outcome}
          onChange={(value) => {
            setOutcome(value);
            pagination.reset();
          }}
          options={AUDIT_OUTCOMES.map((value) => ({ value, label: value }))}
        />
        <Field label="Target ID" htmlFor="audit-target-id" className="w-64">
          <Input
            id="audit-target-id"
            type="search"
            placeholder="e.g. srv_…"
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            value={typed.targetId}
            onChange={(e) => onTextChange({ ...typed, targetId: e.target.value })}
          />
        </Field>
        <Field label="Request ID" htmlFor="audit-request-id" className="w-64">
          <Input
            id="audit-request-id"
            type="search"
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
            value={typed.requestId}
            onChange={(e) => onTextChange({ ...typed, requestId: e.target.value })}
          />
        </Field>
        {filtered ? (
          <Button variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <div data-testid="audit-table">
        <DataTable
          caption="Audit events, newest first"
          columns={columns}
          rows={data?.items}
          getRowId={(event) => event.id}
          loading={isPending}
          error={error ? error.message : null}
          onRowClick={setSelected}
          rowLabel={(event) => `Show event ${event.seq}: ${event.action}, ${event.outcome}, ${formatDateTime(event.occurredAt)}`}
          empty={
            filtered ? (
              <EmptyState title="No events match" description="Try another action or outcome, or clear the filters." />
            ) : (
              <EmptyState title="No audit events yet" description="Events appear here as people sign in and change things in Warden." />
            )
          }
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {selected ? <AuditEventDialog key={selected.id} event={selected} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}
