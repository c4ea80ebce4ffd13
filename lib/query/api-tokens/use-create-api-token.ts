// Creates an API token (POST /api/v1/api-tokens). The secret in the result is
// shown once: gcTime 0 drops the finished mutation from the cache right away.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TApiToken, TCreateApiTokenInput } from "@/lib/api-tokens/schemas";
import { apiTokenKeys } from "@/lib/query/api-tokens/keys";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";

export type CreatedApiToken = { token: TApiToken; secret: string };

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateApiTokenInput) => apiFetch<CreatedApiToken>("/api/v1/api-tokens", { method: "POST", body: input }),
    gcTime: 0,
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
    },
  });
}
