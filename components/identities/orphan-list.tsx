"use client";
// Orphaned identities of every kind (their owner was deactivated); admins select rows and reassign them in bulk.
import Link from "next/link";
import { useState } from "react";
import { IdentityStatusBadge, OwnerCell } from "@/components/identities/identity-badges";
import { detailHref, ENVIRONMENT_LABELS } from "@/components/identities/identity-labels";
import { ReassignDialog } from "@/components/identities/reassign-dialog";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import { KIND_INFO } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";
import { useIdentities } from "@/lib/query/identities/use-identities";

const PAGE_SIZE = 50;
const checkboxClass = "size-4 rounded border-slate-300 accent-indigo-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-not-allowed";

export function OrphanList({ canReassign }: { canReassign: boolean }) {
  const pagination = useCursorPagination();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [reassigning, setReassigning] = useState(false);
  const { data, isPending, isFetching, error } = useIdentities("all", { orphaned: "true", sort: "-created", cursor: pagination.cursor, limit: PAGE_SIZE });
  // revoked identities keep their last owner on record: they cannot move
  const selectable = (data?.items ?? []).filter((identity) => identity.status !== "revoked");
  const allOnPage = selectable.length > 0 && selectable.every((identity) => selected.has(identity.id));

  function toggle(id: string, checked: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function toggleAll(checked: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      for (const identity of selectable) {
        if (checked) next.add(identity.id);
        else next.delete(identity.id);
      }
      return next;
    });
  }

  const columns: Column<TIdentity>[] = [
    {
      key: "name",
      header: "Name",
      cell: (identity) => (
        <div className="min-w-0">
          <Link href={detailHref(identity)} className="font-medium text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
            {identity.name}
          </Link>
          <div className="font-mono text-xs text-slate-500">{identity.slug}</div>
        </div>
      ),
    },
    { key: "kind", header: "Kind", cell: (identity) => KIND_INFO[identity.kind].label },
    { key: "status", header: "Status", cell: (identity) => <IdentityStatusBadge status={identity.status} /> },
    { key: "environment", header: "Environment", cell: (identity) => ENVIRONMENT_LABELS[identity.environment] },
    { key: "owner", header: "Former owner", cell: (identity) => <OwnerCell identity={identity} /> },
    { key: "backup", header: "Backup owner", cell: (identity) => (identity.backupOwner ? `${identity.backupOwner.name} (${identity.backupOwner.email})` : <span className="text-slate-400">none</span>) },
  ];
  if (canReassign) {
    columns.unshift({
      key: "select",
      header: "Select",
      cell: (identity) => (
        <input
          type="checkbox"
          className={checkboxClass}
          aria-label={`Select ${identity.name}`}
          checked={selected.has(identity.id)}
          disabled={identity.status === "revoked"}
          title={identity.status === "revoked" ? "Revoked identities keep their last owner" : undefined}
          onChange={(e) => toggle(identity.id, e.target.checked)}
        />
      ),
    });
  }

  return (
    <div className="flex flex-col gap-4">
      {canReassign ? (
        <div className="flex flex-wrap items-center gap-4">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" className={checkboxClass} checked={allOnPage} disabled={selectable.length === 0} onChange={(e) => toggleAll(e.target.checked)} />
            Select all on this page
          </label>
          <span className="text-sm text-slate-600" aria-live="polite">
            {selected.size} selected
          </span>
          <Button onClick={() => setReassigning(true)} disabled={selected.size === 0}>
            Reassign selected
          </Button>
          {selected.size > 0 ? (
            <Button variant="ghost" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
          ) : null}
        </div>
      ) : null}
      <div data-testid="orphans-table">
        <DataTable
          caption="Orphaned identities"
          columns={columns}
          rows={data?.items}
          getRowId={(identity) => identity.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={<EmptyState title="No orphaned identities" description="Every identity has an active owner. Identities appear here when their owner is deactivated." />}
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
      {reassigning ? <ReassignDialog identityIds={[...selected]} onClose={() => setReassigning(false)} onDone={() => setSelected(new Set())} /> : null}
    </div>
  );
}
