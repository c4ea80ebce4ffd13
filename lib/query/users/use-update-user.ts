// Changes a user's name or role (PATCH /api/v1/users/{id}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateUsers } from "@/lib/query/users/invalidate";
import type { TUpdateUserInput, TUser } from "@/lib/users/schemas";

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TUpdateUserInput }) =>
      apiFetch<TUser>(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: () => invalidateUsers(queryClient),
  });
}
