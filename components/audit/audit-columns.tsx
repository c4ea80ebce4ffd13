// Table columns for audit events, shared by the explorer and the identity
// activity tab; identity ids show as names from the page's `names` map.
import { AuditActor } from "@/components/audit/audit-target";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import type { Column } from "@/components/ui/data-table";
import type { TAuditEvent } from "@/lib/audit/schemas";
import { formatDateTime } from "@/lib/format/date";

const dash = <span className="text-slate-400">—</span>;

export function auditColumns(names: Record<string, string>, options: { compact?: boolean } = {}): Column<TAuditEvent>[] {
  const name = (id: string | null) => (id ? (names[id] ?? id) : null);
  const columns: Column<TAuditEvent>[] = [
    { key: "time", header: "Time", cell: (event) => <time dateTime={event.occurredAt} className="whitespace-nowrap">{formatDateTime(event.occurredAt)}</time> },
    { key: "action", header: "Event", cell: (event) => <span className="font-mono text-xs">{event.action}</span> },
    { key: "actor", header: "Actor", cell: (event) => <AuditActor actor={event.actor} /> },
    {
      key: "who",
      header: "Agent → server",
      cell: (event) =>
        event.facets.agentId || event.facets.serverId ? (
          <span className="flex flex-col text-xs">
            <span className="text-slate-900">{name(event.facets.agentId) ?? "—"}</span>
            <span className="text-slate-500">→ {name(event.facets.serverId) ?? "—"}{event.facets.resourceId ? ` → ${name(event.facets.resourceId)}` : ""}</span>
          </span>
        ) : (
          dash
        ),
    },
    {
      key: "tool",
      header: "Tool / scope",
      cell: (event) =>
        event.facets.tool || event.facets.scope ? (
          <span className="flex max-w-64 flex-col text-xs">
            {event.facets.tool ? <span className="font-mono text-slate-900">{event.facets.tool}</span> : null}
            {event.facets.scope ? <span className="truncate font-mono text-slate-500" title={event.facets.scope}>{event.facets.scope}</span> : null}
            {event.facets.tier ? <span className="text-slate-500">{event.facets.tier}</span> : null}
          </span>
        ) : (
          dash
        ),
    },
    { key: "outcome", header: "Outcome", cell: (event) => <OutcomeBadge outcome={event.outcome} /> },
  ];
  return options.compact ? columns.filter((column) => column.key !== "actor") : columns;
}
