// Revokes an API token (POST /api/v1/api-tokens/{id}/revoke).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TApiToken } from "@/lib/api-tokens/schemas";
import { apiTokenKeys } from "@/lib/query/api-tokens/keys";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TApiToken>(`/api/v1/api-tokens/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
    },
  });
}
