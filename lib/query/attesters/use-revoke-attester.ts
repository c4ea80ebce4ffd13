// Stops trusting an attester (POST /api/v1/attesters/{id}/revoke).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAttester } from "@/lib/attesters/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { attesterKeys } from "@/lib/query/attesters/keys";

export function useRevokeAttester() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => apiFetch<TAttester>(`/api/v1/attesters/${encodeURIComponent(id)}/revoke`, { method: "POST", body: { reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: attesterKeys.all }),
  });
}
