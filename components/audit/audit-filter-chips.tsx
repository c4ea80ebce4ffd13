"use client";
// The filters in effect as removable chips, plus "Clear all".
import { Button } from "@/components/ui/button";
import { FILTER_KEYS } from "@/lib/audit/filter-params";
import type { TAuditFilter } from "@/lib/audit/schemas";
import { formatDateTime } from "@/lib/format/date";

const LABELS: Partial<Record<keyof TAuditFilter, string>> = {
  id: "Event",
  class: "Type",
  action: "Event",
  actorType: "Actor type",
  requestId: "Request",
  jti: "Token",
  q: "Text",
  since: "From",
  until: "Until",
  targetType: "Target type",
  targetId: "Target",
  identity: "Identity",
  resource: "Resource",
  server: "Server",
};

const IDENTITY_KEYS = new Set<keyof TAuditFilter>(["agent", "server", "resource", "gateway", "actor", "identity", "targetId"]);

export function AuditFilterChips({ filter, names, onChange }: { filter: TAuditFilter; names: Record<string, string>; onChange: (next: TAuditFilter) => void }) {
  const active = FILTER_KEYS.filter((key) => filter[key] !== undefined);
  if (active.length === 0) return <p className="text-sm text-slate-500">No filters: every event, newest first.</p>;
  const show = (key: keyof TAuditFilter) => {
    const value = String(filter[key]);
    if (key === "since" || key === "until") return formatDateTime(value);
    return IDENTITY_KEYS.has(key) ? (names[value] ?? value) : value;
  };
  return (
    <ul className="flex flex-wrap items-center gap-2" aria-label="Filters in effect" data-testid="audit-filter-chips">
      {active.map((key) => (
        <li key={key} className="flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-3 text-xs text-indigo-900 ring-1 ring-indigo-200">
          <span>
            {LABELS[key] ?? key[0]!.toUpperCase() + key.slice(1)}: <strong className="font-medium">{show(key)}</strong>
          </span>
          <button type="button" className="rounded-full px-1.5 text-indigo-700 hover:bg-indigo-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500" aria-label={`Remove filter ${LABELS[key] ?? key}`} onClick={() => onChange({ ...filter, [key]: undefined })}>
            ×
          </button>
        </li>
      ))}
      <li>
        <Button variant="ghost" onClick={() => onChange({})}>
          Clear all
        </Button>
      </li>
    </ul>
  );
}
