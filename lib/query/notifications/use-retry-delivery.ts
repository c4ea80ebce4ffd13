// Sends a failed delivery again (POST /api/v1/notifications/{id}/retry).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TNotification } from "@/lib/notifications/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { notificationKeys } from "@/lib/query/notifications/keys";

export function useRetryDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TNotification>(`/api/v1/notifications/${encodeURIComponent(id)}/retry`, { method: "POST" }),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: notificationKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
