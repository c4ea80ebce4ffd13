// A sink's state: OK, Failing (with its consecutive failures) or Disabled.
import { Badge } from "@/components/ui/badge";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";

export function AuditSinkStatusBadge({ sink }: { sink: Pick<TAuditSink, "status" | "failures"> }) {
  if (sink.status === "disabled") return <Badge tone="neutral">Disabled</Badge>;
  if (sink.status === "failing") return <Badge tone="danger">{`Failing (${sink.failures}×)`}</Badge>;
  return <Badge tone="success">OK</Badge>;
}

export const KIND_LABELS: Record<TAuditSink["kind"], string> = {
  webhook: "SIEM webhook",
  file: "JSON Lines file",
  syslog: "Syslog",
};
