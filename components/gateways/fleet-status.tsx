"use client";
// Policy distribution on the Gateways page: which bundle revision each gateway
// (and each reporting MCP server) enforces, how far behind it is, when it last
// reported, its latest error — stale and lagging members first, refreshed live.
import { Badge } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format/date";
import { useFleet, type FleetMember } from "@/lib/query/fleet/use-fleet";

const columns: Column<FleetMember>[] = [
  { key: "name", header: "Enforcement point", cell: (member) => <span className="font-medium">{member.name}</span> },
  { key: "kind", header: "Kind", cell: (member) => (member.kind === "gateway" ? "Gateway" : "MCP server") },
  { key: "revision", header: "Revision", cell: (member) => (member.revision === null ? "—" : member.revision) },
  {
    key: "lag",
    header: "Behind",
    cell: (member) => (member.lag === null ? "—" : member.lag === 0 ? <Badge tone="success">current</Badge> : <Badge tone="warning">{`${member.lag} behind`}</Badge>),
  },
  { key: "seen", header: "Last report", cell: (member) => (member.reportedAt ? formatDateTime(member.reportedAt) : "never") },
  { key: "health", header: "Health", cell: (member) => (member.stale ? <Badge tone="danger">stale</Badge> : <Badge tone="success">reporting</Badge>) },
  { key: "error", header: "Latest error", cell: (member) => <span className="text-xs break-words text-slate-600">{member.errors.at(-1)?.message ?? "—"}</span> },
  { key: "version", header: "Version", cell: (member) => <code className="font-mono text-xs">{member.version ?? "—"}</code> },
];

export function FleetStatus() {
  const { data, isPending, error } = useFleet();
  return (
    <section aria-labelledby="fleet-heading" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="fleet-heading" className="text-base font-semibold text-slate-900">
          Policy distribution
        </h2>
        {data ? (
          <p className="text-sm text-slate-600" data-testid="fleet-current-revision">
            Current policy revision {data.currentRevision}; stale after {data.staleAfterSeconds} s without a report
          </p>
        ) : null}
      </div>
      <div data-testid="fleet-table">
        <DataTable
          caption="Enforcement points and the policy revision they enforce"
          columns={columns}
          rows={data?.items}
          getRowId={(member) => member.id}
          loading={isPending}
          error={error ? error.message : null}
          empty={<p className="py-6 text-center text-sm text-slate-500">No gateways yet. Register one below; it appears here once it reports with the Warden SDK.</p>}
        />
      </div>
      {data?.truncated ? <p className="text-xs text-slate-500">Showing the first 500.</p> : null}
    </section>
  );
}
