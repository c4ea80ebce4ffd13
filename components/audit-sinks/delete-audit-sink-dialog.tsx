"use client";
// "Delete audit sink": a confirmation; what it forwarded stays where it went.
import { ActionConfirmDialog } from "@/components/ui/action-confirm-dialog";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";
import { useDeleteAuditSink } from "@/lib/query/audit-sinks/use-delete-audit-sink";

export function DeleteAuditSinkDialog({ sink, onClose }: { sink: TAuditSink; onClose: () => void }) {
  const deleteSink = useDeleteAuditSink();
  return (
    <ActionConfirmDialog
      onClose={onClose}
      action={() => deleteSink.mutateAsync(sink.id)}
      title="Delete audit sink"
      description={`${sink.name} (${sink.target}) receives no more audit events${sink.lag > 0 ? `, including the ${sink.lag} not yet forwarded` : ""}. What it already received stays there. Adding it again later starts at the head of the log or from its beginning, not where this one stopped.`}
      confirmLabel="Delete sink"
      confirmText={sink.name}
      success={{ title: "Audit sink deleted", description: sink.name }}
      failureTitle="The sink was not deleted"
    />
  );
}
