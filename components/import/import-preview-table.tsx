"use client";
// The plan, one row per document: where it came from, the server, what the
// import does with it, and the problems or changed fields under it.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DataTable, type Column } from "@/components/ui/data-table";
import type { ImportAction, TImportReport } from "@/lib/identities/import/schemas";

const ACTIONS: Record<ImportAction, { label: string; tone: BadgeTone }> = {
  create: { label: "Create", tone: "success" },
  update: { label: "Update", tone: "info" },
  unchanged: { label: "Unchanged", tone: "neutral" },
  invalid: { label: "Invalid", tone: "danger" },
};

const FIELD_LABELS: Record<string, string> = { name: "Name", description: "Description", sourceRepository: "Repository", resourceUri: "Resource URI", transport: "Transport" };

const shown = (value: unknown) => (value === null || value === undefined || value === "" ? "—" : String(value));

export function ActionBadge({ action }: { action: ImportAction }) {
  return <Badge tone={ACTIONS[action].tone}>{ACTIONS[action].label}</Badge>;
}

function Details({ report }: { report: TImportReport }) {
  if (report.errors?.length) {
    return (
      <ul aria-label={`Problems in document ${report.index + 1}`} className="list-disc space-y-0.5 pl-4 text-xs text-red-700">
        {report.errors.map((issue, i) => (
          <li key={`${i}:${issue.path}`}>
            <code className="font-mono">{issue.path}</code>: {issue.message}
          </li>
        ))}
      </ul>
    );
  }
  if (report.changes && Object.keys(report.changes).length > 0) {
    return (
      <ul aria-label={`Changes to document ${report.index + 1}`} className="space-y-0.5 text-xs text-slate-700">
        {Object.entries(report.changes).map(([field, change]) => (
          <li key={field} className="break-all">
            <span className="font-medium">{FIELD_LABELS[field] ?? field}</span>: <del className="text-slate-500">{shown(change.from)}</del> → <ins className="no-underline">{shown(change.to)}</ins>
          </li>
        ))}
      </ul>
    );
  }
  if (report.action === "create") {
    return (
      <p className="break-all text-xs text-slate-600">
        {report.resourceUri} ({report.transport}); becomes {report.status === "active" ? "active at once" : "pending until an admin approves it"}
      </p>
    );
  }
  return <p className="text-xs text-slate-500">Already up to date</p>;
}

export function ImportPreviewTable({ reports, origins, caption }: { reports: TImportReport[]; origins: string[]; caption: string }) {
  const columns: Column<TImportReport>[] = [
    {
      key: "document",
      header: "Document",
      className: "whitespace-nowrap",
      cell: (report) => (
        <div className="flex flex-col">
          <span className="font-medium text-slate-900">{report.index + 1}</span>
          {origins[report.index] ? <span className="text-xs text-slate-500">{origins[report.index]}</span> : null}
        </div>
      ),
    },
    {
      key: "server",
      header: "Server",
      cell: (report) => (
        <div className="flex min-w-0 flex-col">
          <span className="break-all font-mono text-xs text-slate-900">{report.registryName ?? "(no usable name)"}</span>
          {report.name || report.version ? <span className="text-xs text-slate-500">{[report.name, report.version ? `v${report.version}` : null].filter(Boolean).join(" · ")}</span> : null}
        </div>
      ),
    },
    { key: "action", header: "Action", cell: (report) => <ActionBadge action={report.action} /> },
    { key: "details", header: "Details", className: "min-w-64", cell: (report) => <Details report={report} /> },
  ];
  return (
    <div data-testid="import-preview-table">
      <DataTable caption={caption} columns={columns} rows={reports} getRowId={(report) => String(report.index)} />
    </div>
  );
}
