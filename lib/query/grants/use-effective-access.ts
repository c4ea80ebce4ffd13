// Which agents can call which tools now (GET /api/v1/effective-access).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TEffectiveAccess } from "@/lib/grants/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { grantKeys, type EffectiveAccessParams } from "@/lib/query/grants/keys";

export function useEffectiveAccess(params: EffectiveAccessParams) {
  return useQuery({
    queryKey: grantKeys.effective(params),
    queryFn: ({ signal }) => apiFetch<{ items: TEffectiveAccess[]; truncated: boolean }>(`/api/v1/effective-access${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
