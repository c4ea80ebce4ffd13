// Proposes catalog changes from manual entry (merged) or an uploaded tools/list result (POST /api/v1/servers/{id}/tools/proposals).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { TProposal, ZCreateProposalInput } from "@/lib/catalog/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { catalogPath, rememberProposal } from "@/lib/query/catalog/invalidate";

export type CreateProposalInput = z.input<typeof ZCreateProposalInput>;

export function useCreateProposal(serverId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProposalInput) => apiFetch<TProposal>(catalogPath(serverId, "/tools/proposals"), { method: "POST", body: input }),
    onSuccess: (proposal) => rememberProposal(queryClient, proposal),
  });
}
