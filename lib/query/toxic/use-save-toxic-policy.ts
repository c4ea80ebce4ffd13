// Creates (POST /api/v1/toxic-policies) or changes (PATCH /api/v1/toxic-policies/{id}) a toxic-combination policy.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateToxic } from "@/lib/query/toxic/invalidate";
import type { TCreateToxicPolicyInput, TToxicPolicy, TUpdateToxicPolicyInput } from "@/lib/toxic/schemas";

export type SavedToxicPolicy = TToxicPolicy & { flaggedAgentIds: string[] };

export function useSaveToxicPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { policyId: string | null; body: TCreateToxicPolicyInput | TUpdateToxicPolicyInput }) =>
      input.policyId
        ? apiFetch<SavedToxicPolicy>(`/api/v1/toxic-policies/${input.policyId}`, { method: "PATCH", body: input.body })
        : apiFetch<SavedToxicPolicy>("/api/v1/toxic-policies", { method: "POST", body: input.body }),
    onSuccess: () => invalidateToxic(queryClient),
  });
}
