// Live discovery: Warden lists the server's tools over MCP and proposes them (POST /api/v1/servers/{id}/tools/discover).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TProposal } from "@/lib/catalog/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { catalogPath, rememberProposal } from "@/lib/query/catalog/invalidate";

export function useDiscoverTools(serverId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // the bearer credential goes to this one request and is kept nowhere else
    mutationFn: (input: { bearer?: string }) => apiFetch<TProposal>(catalogPath(serverId, "/tools/discover"), { method: "POST", body: input.bearer ? { bearer: input.bearer } : {} }),
    onSuccess: (proposal) => rememberProposal(queryClient, proposal),
  });
}
