// One catalog proposal (GET /api/v1/servers/{id}/tools/proposals/{proposalId}); seeded by the mutation that made it.
import { useQuery } from "@tanstack/react-query";
import type { TProposal } from "@/lib/catalog/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { proposalPath } from "@/lib/query/catalog/invalidate";
import { catalogKeys } from "@/lib/query/catalog/keys";

export function useProposal(serverId: string, proposalId: string | null) {
  return useQuery({
    queryKey: catalogKeys.proposal(serverId, proposalId ?? ""),
    queryFn: ({ signal }) => apiFetch<TProposal>(proposalPath(serverId, proposalId ?? ""), { signal }),
    enabled: Boolean(proposalId),
  });
}
