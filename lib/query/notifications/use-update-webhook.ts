// Changes a webhook endpoint, e.g. enables or disables it (PATCH /api/v1/webhooks/{id}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TUpdateWebhookInput, TWebhookEndpoint } from "@/lib/notifications/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { notificationKeys } from "@/lib/query/notifications/keys";

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TUpdateWebhookInput }) => apiFetch<TWebhookEndpoint>(`/api/v1/webhooks/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: notificationKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
    },
  });
}
