// The requester withdraws a pending request (POST /api/v1/access-requests/{id}/cancel).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAccessRequest } from "@/lib/access-requests/schemas";
import { invalidateAccessRequests } from "@/lib/query/access-requests/invalidate";
import { apiFetch } from "@/lib/query/api-fetch";

export function useCancelAccessRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) => apiFetch<TAccessRequest>(`/api/v1/access-requests/${requestId}/cancel`, { method: "POST", body: {} }),
    onSettled: () => invalidateAccessRequests(queryClient),
  });
}
