"use client";
// The full record of one audit event: who, what, its place in the hash chain,
// and ways on: its delegation chain, and the explorer filtered to its token,
// request, agent or tool.
import Link from "next/link";
import { AuditActor, AuditTarget } from "@/components/audit/audit-target";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { Button } from "@/components/ui/button";
import { DescriptionList } from "@/components/ui/description-list";
import { Dialog } from "@/components/ui/dialog";
import type { TAuditEvent, TAuditFilter } from "@/lib/audit/schemas";
import { formatDateTime } from "@/lib/format/date";

const mono = "font-mono text-xs break-all";
const link = "text-sm text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500";

function Named({ id, names }: { id: string; names: Record<string, string> }) {
  return (
    <span className="flex flex-col">
      {names[id] ? <span className="text-slate-900">{names[id]}</span> : null}
      <span className={mono}>{id}</span>
    </span>
  );
}

export function AuditEventDialog({ event, names = {}, onClose, onFilter }: { event: TAuditEvent; names?: Record<string, string>; onClose: () => void; onFilter?: (filter: TAuditFilter) => void }) {
  const { facets } = event;
  const related: { label: string; filter: TAuditFilter }[] = [
    ...(facets.jti ? [{ label: "Everything about this token", filter: { jti: facets.jti } }] : []),
    ...(event.requestId ? [{ label: "This request", filter: { requestId: event.requestId } }] : []),
    ...(facets.agentId ? [{ label: "This agent's events", filter: { agent: facets.agentId } }] : []),
    ...(facets.agentId && facets.tool ? [{ label: "This agent's calls of this tool", filter: { agent: facets.agentId, tool: facets.tool } }] : []),
  ];
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title="Audit event"
      description={`${event.action} · ${formatDateTime(event.occurredAt)}`}
      footer={
        <Button variant="secondary" onClick={onClose} data-autofocus="">
          Close
        </Button>
      }
    >
      <div data-testid="audit-event-detail" className="flex flex-col gap-4">
        {facets.jti || related.length > 0 ? (
          <nav aria-label="Follow this event" className="flex flex-wrap gap-x-4 gap-y-1">
            {facets.jti ? (
              <Link href={`/audit/chain/${encodeURIComponent(event.id)}`} className={`${link} font-medium`}>
                Delegation chain
              </Link>
            ) : null}
            {onFilter
              ? related.map((item) => (
                  <button key={item.label} type="button" className={link} onClick={() => onFilter(item.filter)}>
                    {item.label}
                  </button>
                ))
              : null}
          </nav>
        ) : null}
        {event.prunedAt ? <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">Retention removed this event&apos;s content on {formatDateTime(event.prunedAt)}; its place in the hash chain remains.</p> : null}
        <DescriptionList
          items={[
            { label: "Sequence", value: <span className={mono}>{event.seq}</span> },
            { label: "ID", value: <span className={mono}>{event.id}</span> },
            { label: "Time", value: <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> },
            { label: "Event", value: <span className={mono}>{event.action}</span> },
            { label: "Outcome", value: <OutcomeBadge outcome={event.outcome} /> },
            {
              label: "Actor",
              value: (
                <span className="flex flex-col gap-0.5">
                  <AuditActor actor={event.actor} />
                  {event.actor.id ? <span className={mono}>{event.actor.id}</span> : null}
                </span>
              ),
            },
            { label: "Target", value: event.target ? <AuditTarget target={event.target} /> : null },
            { label: "Agent", value: facets.agentId ? <Named id={facets.agentId} names={names} /> : null },
            { label: "MCP server", value: facets.serverId ? <Named id={facets.serverId} names={names} /> : null },
            { label: "Downstream resource", value: facets.resourceId ? <Named id={facets.resourceId} names={names} /> : null },
            { label: "Gateway", value: facets.gatewayId ? <Named id={facets.gatewayId} names={names} /> : null },
            { label: "Tool", value: facets.tool ? <span className={mono}>{facets.tool}</span> : null },
            { label: "Scope", value: facets.scope ? <span className={mono}>{facets.scope}</span> : null },
            { label: "Tier", value: facets.tier },
            { label: "Token (jti)", value: facets.jti ? <span className={mono}>{facets.jti}</span> : null },
            { label: "Exchanged from", value: facets.parentJti ? <span className={mono}>{facets.parentJti}</span> : null },
            { label: "Request ID", value: event.requestId ? <span className={mono}>{event.requestId}</span> : null },
            { label: "IP address", value: event.ip ? <span className={mono}>{event.ip}</span> : null },
            { label: "User agent", value: event.userAgent ? <span className="break-all text-xs">{event.userAgent}</span> : null },
            {
              label: "Details",
              value: (
                <pre className="max-h-64 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap text-slate-800">
                  {JSON.stringify(event.details, null, 2)}
                </pre>
              ),
            },
            { label: "Previous hash", value: <span className={mono}>{event.prevHash}</span> },
            { label: "Hash", value: <span className={mono}>{event.hash}</span> },
            // an event shows the facets it has; a sign-in has no agent or tool
          ].filter((item) => item.value !== null && item.value !== undefined)}
        />
      </div>
    </Dialog>
  );
}
