// One page of users (GET /api/v1/users).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { userKeys, type UserListParams } from "@/lib/query/users/keys";
import type { TUser } from "@/lib/users/schemas";

export type UserPage = { items: TUser[]; nextCursor: string | null; total?: number };

export function useUsers(params: UserListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: ({ signal }) => apiFetch<UserPage>(`/api/v1/users${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
