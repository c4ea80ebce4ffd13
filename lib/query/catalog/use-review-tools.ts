// Approves tools at a tier, or reclassifies them (POST /api/v1/servers/{id}/tools/review).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ToolTier } from "@/lib/catalog/classify";
import type { TTool } from "@/lib/catalog/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { catalogPath, invalidateCatalog } from "@/lib/query/catalog/invalidate";

export type ReviewDecision = { toolId: string; tier: ToolTier };

export function useReviewTools(serverId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decisions: ReviewDecision[]) => apiFetch<{ tools: TTool[]; version: number | null }>(catalogPath(serverId, "/tools/review"), { method: "POST", body: { decisions } }),
    onSuccess: () => invalidateCatalog(queryClient, serverId),
  });
}
