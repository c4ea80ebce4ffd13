// Applies a reviewed proposal; the change becomes the next catalog version (POST …/tools/proposals/{proposalId}/apply).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TProposal } from "@/lib/catalog/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateCatalog, proposalPath } from "@/lib/query/catalog/invalidate";

export type AppliedProposal = TProposal & { version: number | null };

export function useApplyProposal(serverId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (proposalId: string) => apiFetch<AppliedProposal>(proposalPath(serverId, proposalId, "/apply"), { method: "POST" }),
    onSuccess: () => invalidateCatalog(queryClient, serverId),
  });
}
