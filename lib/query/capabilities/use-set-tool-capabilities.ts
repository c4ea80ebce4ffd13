// Sets a tool's approved capability tags and rejects proposals (PUT /api/v1/servers/{id}/tools/{toolId}/capabilities).
// Agents may be flagged or their grants suspended: refresh the catalog, grants, tag usage and the audit log.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TSetToolCapabilitiesInput, TSetToolCapabilitiesResult } from "@/lib/capabilities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { capabilityKeys } from "@/lib/query/capabilities/keys";
import { catalogPath, invalidateCatalog } from "@/lib/query/catalog/invalidate";

export function useSetToolCapabilities(serverId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ toolId, input }: { toolId: string; input: TSetToolCapabilitiesInput }) =>
      apiFetch<TSetToolCapabilitiesResult>(catalogPath(serverId, `/tools/${encodeURIComponent(toolId)}/capabilities`), { method: "PUT", body: input }),
    onSuccess: () => Promise.all([invalidateCatalog(client, serverId), client.invalidateQueries({ queryKey: capabilityKeys.tags })]),
  });
}
