// After a catalog changes: refresh the server's catalog, access answers that depend on approvals, and the audit log.
import type { QueryClient } from "@tanstack/react-query";
import type { TProposal } from "@/lib/catalog/schemas";
import { auditKeys } from "@/lib/query/audit/keys";
import { catalogKeys } from "@/lib/query/catalog/keys";
import { grantKeys } from "@/lib/query/grants/keys";

export const catalogPath = (serverId: string, rest = "") => `/api/v1/servers/${encodeURIComponent(serverId)}${rest}`;
export const proposalPath = (serverId: string, proposalId: string, rest = "") => catalogPath(serverId, `/tools/proposals/${encodeURIComponent(proposalId)}${rest}`);

/** Tools, proposals, versions and metadata of one server; grants (effective access counts approved tools only); audit. */
export async function invalidateCatalog(queryClient: QueryClient, serverId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: catalogKeys.server(serverId) }),
    queryClient.invalidateQueries({ queryKey: grantKeys.all }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}

/** A new proposal: cache it for its review panel and refresh the proposal lists (the catalog itself is unchanged). */
export async function rememberProposal(queryClient: QueryClient, proposal: TProposal): Promise<void> {
  queryClient.setQueryData(catalogKeys.proposal(proposal.serverId, proposal.id), proposal);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: [...catalogKeys.proposals(proposal.serverId), "list"] }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}
