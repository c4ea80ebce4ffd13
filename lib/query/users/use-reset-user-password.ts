// Gives a user a new temporary password (POST /api/v1/users/{id}/reset-password).
// The password is shown once: gcTime 0 drops the finished mutation from the cache.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateUsers } from "@/lib/query/users/invalidate";
import type { TUser } from "@/lib/users/schemas";

export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<{ user: TUser; temporaryPassword: string }>(`/api/v1/users/${encodeURIComponent(id)}/reset-password`, { method: "POST" }),
    gcTime: 0,
    onSuccess: () => invalidateUsers(queryClient),
  });
}
