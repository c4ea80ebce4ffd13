// One page of revocations with their reach (GET /api/v1/revocations), refreshed
// every 2 s so "reached n of m gateways" climbs as gateways take the bundle.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TRevocationRow } from "@/lib/api/contracts/fleet";
import { apiFetch, queryString } from "@/lib/query/api-fetch";

export type RevocationPage = { items: TRevocationRow[]; nextCursor: string | null };

export function useRevocations(params: { cursor?: string; limit: number }) {
  return useQuery({
    queryKey: ["revocations", params] as const,
    queryFn: ({ signal }) => apiFetch<RevocationPage>(`/api/v1/revocations${queryString({ cursor: params.cursor, limit: params.limit })}`, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 2000,
  });
}
