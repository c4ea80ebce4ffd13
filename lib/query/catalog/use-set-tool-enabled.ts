// Disables a tool (denied at once) or enables it again (POST /api/v1/servers/{id}/tools/{toolId}/disable|enable).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TTool } from "@/lib/catalog/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { catalogPath, invalidateCatalog } from "@/lib/query/catalog/invalidate";

export function useSetToolEnabled(serverId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ toolId, enabled, reason }: { toolId: string; enabled: boolean; reason?: string }) =>
      apiFetch<TTool>(catalogPath(serverId, `/tools/${encodeURIComponent(toolId)}/${enabled ? "enable" : "disable"}`), { method: "POST", body: reason ? { reason } : {} }),
    onSuccess: () => invalidateCatalog(queryClient, serverId),
  });
}
