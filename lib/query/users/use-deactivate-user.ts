// Deactivates a user, ending their sessions (POST /api/v1/users/{id}/deactivate).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateUsers } from "@/lib/query/users/invalidate";
import type { TUser } from "@/lib/users/schemas";

export function useDeactivateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) =>
      apiFetch<TUser>(`/api/v1/users/${encodeURIComponent(id)}/deactivate`, { method: "POST", body: reason ? { reason } : {} }),
    onSuccess: () => invalidateUsers(queryClient),
  });
}
