// Adds a webhook endpoint (POST /api/v1/webhooks). The secret in the result is
// shown once: gcTime 0 drops the finished mutation from the cache right away.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCreatedWebhook, TCreateWebhookInput } from "@/lib/notifications/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { notificationKeys } from "@/lib/query/notifications/keys";

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateWebhookInput) => apiFetch<TCreatedWebhook>("/api/v1/webhooks", { method: "POST", body: input }),
    gcTime: 0,
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: notificationKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
    },
  });
}
