// A server's tool catalog and its current version (GET /api/v1/servers/{id}/tools).
import { useQuery } from "@tanstack/react-query";
import type { TTool } from "@/lib/catalog/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { catalogPath } from "@/lib/query/catalog/invalidate";
import { catalogKeys } from "@/lib/query/catalog/keys";

export type ToolCatalog = { items: TTool[]; version: number };

export function useTools(serverId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: catalogKeys.tools(serverId),
    queryFn: ({ signal }) => apiFetch<ToolCatalog>(catalogPath(serverId, "/tools"), { signal }),
    enabled: (options.enabled ?? true) && serverId !== "",
  });
}
