// Creates a user (POST /api/v1/users). The temporary password in the result is
// shown once: gcTime 0 drops the finished mutation from the cache right away.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateUsers } from "@/lib/query/users/invalidate";
import type { TCreateUserInput, TUser } from "@/lib/users/schemas";

export type CreatedUser = { user: TUser; temporaryPassword: string | null };

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateUserInput) => apiFetch<CreatedUser>("/api/v1/users", { method: "POST", body: input }),
    gcTime: 0,
    onSuccess: () => invalidateUsers(queryClient),
  });
}
