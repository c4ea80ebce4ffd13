// Deletes a webhook endpoint (DELETE /api/v1/webhooks/{id}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TWebhookEndpoint } from "@/lib/notifications/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { notificationKeys } from "@/lib/query/notifications/keys";

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TWebhookEndpoint>(`/api/v1/webhooks/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: notificationKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
    },
  });
}
