// One page of the MCP server inventory (GET /api/v1/servers).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TServer } from "@/lib/identities/servers/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { serverKeys, type ServerListParams } from "@/lib/query/servers/keys";

export type ServerPage = { items: TServer[]; nextCursor: string | null; total?: number };

export function useServers(params: ServerListParams) {
  return useQuery({
    queryKey: serverKeys.list(params),
    queryFn: ({ signal }) => apiFetch<ServerPage>(`/api/v1/servers${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
