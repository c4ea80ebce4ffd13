// Asks for tools of one server for an agent (POST /api/v1/access-requests).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAccessRequest, TCreateAccessRequestInput } from "@/lib/access-requests/schemas";
import { invalidateAccessRequests } from "@/lib/query/access-requests/invalidate";
import { apiFetch } from "@/lib/query/api-fetch";

export function useCreateAccessRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateAccessRequestInput) => apiFetch<TAccessRequest>("/api/v1/access-requests", { method: "POST", body: input }),
    onSuccess: () => invalidateAccessRequests(queryClient),
  });
}
