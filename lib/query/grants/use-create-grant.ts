// Grants an agent approved tool scopes on one server, with a justification (POST /api/v1/grants).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCreateGrantInput, TGrant } from "@/lib/grants/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateGrants } from "@/lib/query/grants/invalidate";

export function useCreateGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateGrantInput) => apiFetch<TGrant>("/api/v1/grants", { method: "POST", body: input }),
    onSuccess: (grant) => invalidateGrants(queryClient, grant.server.id),
  });
}
