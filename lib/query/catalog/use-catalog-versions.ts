// A server's catalog history, newest first, a page at a time (GET /api/v1/servers/{id}/catalog/versions).
import { useInfiniteQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { ZCatalogVersion } from "@/lib/catalog/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { catalogPath } from "@/lib/query/catalog/invalidate";
import { catalogKeys } from "@/lib/query/catalog/keys";

export type TCatalogVersion = z.infer<typeof ZCatalogVersion>;
type VersionPage = { items: TCatalogVersion[]; nextCursor: string | null };

export function useCatalogVersions(serverId: string, options: { limit?: number } = {}) {
  const limit = options.limit ?? 20;
  return useInfiniteQuery({
    queryKey: [...catalogKeys.versions(serverId), limit],
    queryFn: ({ signal, pageParam }) => apiFetch<VersionPage>(`${catalogPath(serverId, "/catalog/versions")}${queryString({ cursor: pageParam, limit })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
