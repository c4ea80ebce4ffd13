"use client";
// The full record of one audit event, including its place in the hash chain.
import { AuditActor, AuditTarget } from "@/components/audit/audit-target";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { Button } from "@/components/ui/button";
import { DescriptionList } from "@/components/ui/description-list";
import { Dialog } from "@/components/ui/dialog";
import type { TAuditEvent } from "@/lib/audit/schemas";
import { formatDateTime } from "@/lib/format/date";

const mono = "font-mono text-xs break-all";

export function AuditEventDialog({ event, onClose }: { event: TAuditEvent; onClose: () => void }) {
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
      <div data-testid="audit-event-detail">
        <DescriptionList
          items={[
            { label: "Sequence", value: <span className={mono}>{event.seq}</span> },
            { label: "ID", value: <span className={mono}>{event.id}</span> },
            { label: "Time", value: <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time> },
            { label: "Action", value: <span className={mono}>{event.action}</span> },
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
          ]}
        />
      </div>
    </Dialog>
  );
}
