// Allows a server to exchange agent tokens for a downstream resource (POST /api/v1/exchange-policies).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { TExchangePolicy, ZCreateExchangePolicyInput } from "@/lib/exchange/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateExchangePolicies } from "@/lib/query/grants/invalidate";

export function useCreateExchangePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof ZCreateExchangePolicyInput>) => apiFetch<TExchangePolicy>("/api/v1/exchange-policies", { method: "POST", body: input }),
    onSuccess: () => invalidateExchangePolicies(queryClient),
  });
}
