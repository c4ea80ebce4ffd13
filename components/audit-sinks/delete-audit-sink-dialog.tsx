"use client";
// "Delete audit sink": a confirmation; what it forwarded stays where it went.
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";
import { useDeleteAuditSink } from "@/lib/query/audit-sinks/use-delete-audit-sink";

export function DeleteAuditSinkDialog({ sink, onClose }: { sink: TAuditSink; onClose: () => void }) {
  const { toast } = useToast();
  const deleteSink = useDeleteAuditSink();
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      await deleteSink.mutateAsync(sink.id);
      onClose();
      toast({ title: "Audit sink deleted", description: sink.name, tone: "success" });
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : "Something went wrong. Try again.");
    }
  }

  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={confirm}
      title="Delete audit sink"
      description={`${sink.name} (${sink.target}) receives no more audit events${sink.lag > 0 ? `, including the ${sink.lag} not yet forwarded` : ""}. What it already received stays there. Adding it again later starts at the head of the log or from its beginning, not where this one stopped.`}
      confirmLabel="Delete sink"
      confirmText={sink.name}
    >
      {error ? (
        <Alert tone="danger" title="The sink was not deleted">
          {error}
        </Alert>
      ) : null}
    </ConfirmDialog>
  );
}
