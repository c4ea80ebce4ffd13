// The RFC 9728 document an active server should serve (GET /api/v1/servers/{id}/protected-resource-metadata).
import { useQuery } from "@tanstack/react-query";
import type { ProtectedResourceMetadata } from "@/lib/catalog/protected-resource-metadata";
import { apiFetch } from "@/lib/query/api-fetch";
import { catalogPath } from "@/lib/query/catalog/invalidate";
import { catalogKeys } from "@/lib/query/catalog/keys";

export function useProtectedResourceMetadata(serverId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: catalogKeys.metadata(serverId),
    queryFn: ({ signal }) => apiFetch<ProtectedResourceMetadata>(catalogPath(serverId, "/protected-resource-metadata"), { signal }),
    enabled: options.enabled ?? true,
    retry: false,
  });
}
