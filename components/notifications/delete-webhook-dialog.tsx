"use client";
// "Delete webhook endpoint": a confirmation; its past deliveries stay in the log.
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import type { TWebhookEndpoint } from "@/lib/notifications/schemas";
import { useDeleteWebhook } from "@/lib/query/notifications/use-delete-webhook";

export function DeleteWebhookDialog({ endpoint, onClose }: { endpoint: TWebhookEndpoint; onClose: () => void }) {
  const { toast } = useToast();
  const deleteWebhook = useDeleteWebhook();
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setError(null);
    try {
      await deleteWebhook.mutateAsync(endpoint.id);
      onClose();
      toast({ title: "Webhook endpoint deleted", description: endpoint.url, tone: "success" });
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : "Something went wrong. Try again.");
    }
  }

  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={confirm}
      title="Delete webhook endpoint"
      description={`${endpoint.url} receives no more campaign events, and its pending deliveries fail. Past deliveries stay in the delivery log. This cannot be undone.`}
      confirmLabel="Delete endpoint"
    >
      {error ? (
        <Alert tone="danger" title="The endpoint was not deleted">
          {error}
        </Alert>
      ) : null}
    </ConfirmDialog>
  );
}
