// Reactivates a deactivated user (POST /api/v1/users/{id}/reactivate).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateUsers } from "@/lib/query/users/invalidate";
import type { TUser } from "@/lib/users/schemas";

export function useReactivateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TUser>(`/api/v1/users/${encodeURIComponent(id)}/reactivate`, { method: "POST" }),
    onSuccess: () => invalidateUsers(queryClient),
  });
}
