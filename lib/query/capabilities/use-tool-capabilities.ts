// The capability tags on a server's tools (GET /api/v1/servers/{id}/tools/capabilities).
import { useQuery } from "@tanstack/react-query";
import type { TToolCapability } from "@/lib/capabilities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { capabilityKeys } from "@/lib/query/capabilities/keys";
import { catalogPath } from "@/lib/query/catalog/invalidate";

export function useToolCapabilities(serverId: string) {
  return useQuery({
    queryKey: capabilityKeys.tools(serverId),
    queryFn: ({ signal }) => apiFetch<{ items: TToolCapability[] }>(catalogPath(serverId, "/tools/capabilities"), { signal }),
    enabled: serverId !== "",
  });
}
