// Approves or denies the next step of a request (POST /api/v1/access-requests/{id}/decision).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAccessRequest, TDecideAccessRequestInput } from "@/lib/access-requests/schemas";
import { invalidateAccessRequests } from "@/lib/query/access-requests/invalidate";
import { apiFetch } from "@/lib/query/api-fetch";

export function useDecideAccessRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, input }: { requestId: string; input: TDecideAccessRequestInput }) => apiFetch<TAccessRequest>(`/api/v1/access-requests/${requestId}/decision`, { method: "POST", body: input }),
    // a conflict means someone decided first: refresh either way
    onSettled: () => invalidateAccessRequests(queryClient),
  });
}
