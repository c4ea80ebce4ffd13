// Verifies the whole audit hash chain (POST /api/v1/audit/verify).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ZChainReport } from "@/lib/audit/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";

export type ChainReport = z.infer<typeof ZChainReport>;

export function useVerifyAuditChain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<ChainReport>("/api/v1/audit/verify", { method: "POST" }),
    // Verifying is itself audited, so the event list has a new entry.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
