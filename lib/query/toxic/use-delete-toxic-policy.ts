// Deletes a toxic-combination policy and its findings (DELETE /api/v1/toxic-policies/{id}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateToxic } from "@/lib/query/toxic/invalidate";
import type { TToxicPolicy } from "@/lib/toxic/schemas";

export function useDeleteToxicPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policyId: string) => apiFetch<TToxicPolicy>(`/api/v1/toxic-policies/${policyId}`, { method: "DELETE" }),
    onSuccess: () => invalidateToxic(queryClient),
  });
}
