// Grants an agent approved tool scopes on one server, with a justification (POST /api/v1/grants). The answer
// is the grant (201), or the access request that waits for a second admin (202: irreversible tools).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAccessRequest } from "@/lib/access-requests/schemas";
import type { TCreateGrantInput, TGrant } from "@/lib/grants/schemas";
import { invalidateAccessRequests } from "@/lib/query/access-requests/invalidate";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateGrants } from "@/lib/query/grants/invalidate";

export function useCreateGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateGrantInput) => apiFetch<TGrant | TAccessRequest>("/api/v1/grants", { method: "POST", body: input }),
    onSuccess: (result) => (isPendingRequest(result) ? invalidateAccessRequests(queryClient) : invalidateGrants(queryClient, result.server.id)),
  });
}

/** A 202 answer: the grant waits for another admin's approval. */
export function isPendingRequest(result: TGrant | TAccessRequest): result is TAccessRequest {
  return result.id.startsWith("arq_");
}
