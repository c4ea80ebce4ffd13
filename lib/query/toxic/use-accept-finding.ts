// Accepts a warn / require-approval finding with a justification (POST /api/v1/toxic-policies/findings/{id}/accept).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateToxic } from "@/lib/query/toxic/invalidate";
import type { TToxicFinding } from "@/lib/toxic/schemas";

export function useAcceptFinding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { findingId: string; justification: string }) =>
      apiFetch<TToxicFinding>(`/api/v1/toxic-policies/findings/${input.findingId}/accept`, { method: "POST", body: { justification: input.justification } }),
    onSuccess: () => invalidateToxic(queryClient),
  });
}
