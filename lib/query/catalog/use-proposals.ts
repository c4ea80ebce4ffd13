// A server's recent catalog proposals, newest first, optionally by status (GET /api/v1/servers/{id}/tools/proposals).
import { useQuery } from "@tanstack/react-query";
import type { TProposal } from "@/lib/catalog/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { catalogPath } from "@/lib/query/catalog/invalidate";
import { catalogKeys, type ProposalStatus } from "@/lib/query/catalog/keys";

export function useProposals(serverId: string, status?: ProposalStatus) {
  return useQuery({
    queryKey: catalogKeys.proposalList(serverId, status ?? "any"),
    queryFn: ({ signal }) => apiFetch<{ items: TProposal[] }>(`${catalogPath(serverId, "/tools/proposals")}${queryString({ status })}`, { signal }),
  });
}
