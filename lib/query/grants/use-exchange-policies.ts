// Exchange policies, by server or resource (GET /api/v1/exchange-policies).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TExchangePolicy } from "@/lib/exchange/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { exchangePolicyKeys, type ExchangePolicyListParams } from "@/lib/query/grants/keys";

export function useExchangePolicies(params: ExchangePolicyListParams) {
  return useQuery({
    queryKey: exchangePolicyKeys.list(params),
    queryFn: ({ signal }) => apiFetch<{ items: TExchangePolicy[] }>(`/api/v1/exchange-policies${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
