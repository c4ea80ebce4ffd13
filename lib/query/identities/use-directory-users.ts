// People picker search: active users by name or email (GET /api/v1/directory/users?q=).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { directoryKeys } from "@/lib/query/identities/keys";

export type DirectoryUser = { id: string; name: string; email: string };

export function useDirectoryUsers(q: string, options: { enabled?: boolean; limit?: number } = {}) {
  const limit = options.limit ?? 20;
  return useQuery({
    queryKey: [...directoryKeys.search(q), limit],
    queryFn: ({ signal }) => apiFetch<{ items: DirectoryUser[] }>(`/api/v1/directory/users${queryString({ q, limit })}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled: options.enabled ?? true,
  });
}
