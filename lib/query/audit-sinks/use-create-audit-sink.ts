// Adds an audit sink (POST /api/v1/audit/sinks). A webhook's secret in the
// result is shown once: gcTime 0 drops the finished mutation from the cache.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCreatedAuditSink, TCreateAuditSinkInput } from "@/lib/audit/sinks/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateAuditSinks } from "@/lib/query/audit-sinks/invalidate";

export function useCreateAuditSink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateAuditSinkInput) => apiFetch<TCreatedAuditSink>("/api/v1/audit/sinks", { method: "POST", body: input }),
    gcTime: 0,
    onSuccess: () => invalidateAuditSinks(queryClient),
  });
}
