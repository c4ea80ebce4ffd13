// Lifts a block-mode suspension of a grant after review (POST /api/v1/toxic-policies/suspensions/{grantId}/lift).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateToxic } from "@/lib/query/toxic/invalidate";
import type { TLiftedSuspension } from "@/lib/toxic/schemas";

export function useLiftSuspension() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { grantId: string; reason: string }) => apiFetch<TLiftedSuspension>(`/api/v1/toxic-policies/suspensions/${input.grantId}/lift`, { method: "POST", body: { reason: input.reason } }),
    onSuccess: () => invalidateToxic(queryClient),
  });
}
