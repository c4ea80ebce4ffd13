"use client";
// Revocations, newest first, each with how many of the gateways that must
// enforce it already do ("reached 3 of 4 gateways"), updating live.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import { CursorPager, useCursorPagination } from "@/components/ui/pagination";
import type { TRevocationRow } from "@/lib/api/contracts/fleet";
import { formatDateTime } from "@/lib/format/date";
import { useRevocations } from "@/lib/query/revocations/use-revocations";

const PAGE_SIZE = 25;
const SUBJECT_PREFIX: Record<TRevocationRow["subjectType"], string> = { identity: "", key: "Key of ", grant: "Grant to ", token: "Access token of " };

function ReachCell({ revocation }: { revocation: TRevocationRow }) {
  const { reach } = revocation;
  if (!reach) return <span className="text-slate-500">no gateway fronts an affected server</span>;
  const text = `reached ${reach.reached} of ${reach.total} gateway${reach.total === 1 ? "" : "s"}`;
  return <Badge tone={reach.total > 0 && reach.reached === reach.total ? "success" : reach.reached < reach.total ? "warning" : "neutral"}>{text}</Badge>;
}

const columns: Column<TRevocationRow>[] = [
  {
    key: "what",
    header: "Revoked",
    cell: (revocation) => (
      <span>
        {SUBJECT_PREFIX[revocation.subjectType]}
        <span className="font-medium">{revocation.identity.name}</span> <span className="text-xs text-slate-500">({revocation.identity.kind})</span>
      </span>
    ),
  },
  {
    key: "reason",
    header: "Reason",
    cell: (revocation) => (
      <span className="break-words">
        {revocation.reason}
        {revocation.campaign ? (
          <Link href={`/campaigns/${revocation.campaign.id}`} className="block text-xs text-indigo-700 underline">
            {`from recertification item ${revocation.campaign.itemId}`}
          </Link>
        ) : null}
      </span>
    ),
  },
  { key: "when", header: "When", cell: (revocation) => formatDateTime(revocation.revokedAt) },
  { key: "revision", header: "In revision", cell: (revocation) => revocation.revision ?? "—" },
  { key: "reach", header: "Reach", cell: (revocation) => <ReachCell revocation={revocation} /> },
];

export function RevocationList() {
  const pagination = useCursorPagination();
  const { data, isPending, isFetching, error } = useRevocations({ cursor: pagination.cursor, limit: PAGE_SIZE });
  return (
    <div className="flex flex-col gap-2">
      <div data-testid="revocations-table">
        <DataTable
          caption="Revocations and their reach"
          columns={columns}
          rows={data?.items}
          getRowId={(revocation) => revocation.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={<p className="py-6 text-center text-sm text-slate-500">Nothing has been revoked yet.</p>}
        />
      </div>
      <CursorPager page={data} pagination={pagination} pageSize={PAGE_SIZE} loading={isFetching} />
    </div>
  );
}
