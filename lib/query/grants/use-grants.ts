// Grants by agent or server and state (GET /api/v1/grants).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TGrant } from "@/lib/grants/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { grantKeys, type GrantListParams } from "@/lib/query/grants/keys";

export type GrantPage = { items: TGrant[]; nextCursor: string | null; total?: number };

export function useGrants(params: GrantListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: grantKeys.list(params),
    queryFn: ({ signal }) => apiFetch<GrantPage>(`/api/v1/grants${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
