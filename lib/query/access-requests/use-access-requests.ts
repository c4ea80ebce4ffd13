// Access requests by view: waiting for me, mine, all (GET /api/v1/access-requests).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TAccessRequest } from "@/lib/access-requests/schemas";
import { accessRequestKeys, type AccessRequestListParams } from "@/lib/query/access-requests/keys";
import { apiFetch, queryString } from "@/lib/query/api-fetch";

export type AccessRequestPage = { items: TAccessRequest[]; nextCursor: string | null; total?: number };

export function useAccessRequests(params: AccessRequestListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: accessRequestKeys.list(params),
    queryFn: ({ signal }) => apiFetch<AccessRequestPage>(`/api/v1/access-requests${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
