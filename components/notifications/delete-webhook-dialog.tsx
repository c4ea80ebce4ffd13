"use client";
// "Delete webhook endpoint": a confirmation; its past deliveries stay in the log.
import { ActionConfirmDialog } from "@/components/ui/action-confirm-dialog";
import type { TWebhookEndpoint } from "@/lib/notifications/schemas";
import { useDeleteWebhook } from "@/lib/query/notifications/use-delete-webhook";

export function DeleteWebhookDialog({ endpoint, onClose }: { endpoint: TWebhookEndpoint; onClose: () => void }) {
  const deleteWebhook = useDeleteWebhook();
  return (
    <ActionConfirmDialog
      onClose={onClose}
      action={() => deleteWebhook.mutateAsync(endpoint.id)}
      title="Delete webhook endpoint"
      description={`${endpoint.url} receives no more campaign events, and its pending deliveries fail. Past deliveries stay in the delivery log. This cannot be undone.`}
      confirmLabel="Delete endpoint"
      success={{ title: "Webhook endpoint deleted", description: endpoint.url }}
      failureTitle="The endpoint was not deleted"
    />
  );
}
