// One page of API tokens: your own, or everyone's (GET /api/v1/api-tokens).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TApiToken } from "@/lib/api-tokens/schemas";
import { apiTokenKeys, type ApiTokenListParams } from "@/lib/query/api-tokens/keys";
import { apiFetch, queryString } from "@/lib/query/api-fetch";

export type ApiTokenPage = { items: TApiToken[]; nextCursor: string | null; total?: number };

export function useApiTokens(params: ApiTokenListParams) {
  return useQuery({
    queryKey: apiTokenKeys.list(params),
    queryFn: ({ signal }) =>
      apiFetch<ApiTokenPage>(`/api/v1/api-tokens${queryString({ all: params.all ? "true" : undefined, cursor: params.cursor, limit: params.limit })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
