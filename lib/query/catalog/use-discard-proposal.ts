// Discards an open proposal; the catalog is unchanged (POST …/tools/proposals/{proposalId}/discard).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TProposal } from "@/lib/catalog/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { proposalPath } from "@/lib/query/catalog/invalidate";
import { catalogKeys } from "@/lib/query/catalog/keys";

export function useDiscardProposal(serverId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (proposalId: string) => apiFetch<TProposal>(proposalPath(serverId, proposalId, "/discard"), { method: "POST" }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: catalogKeys.proposals(serverId) }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
    },
  });
}
