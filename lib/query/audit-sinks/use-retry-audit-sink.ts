// Retry now: forwards to a failing sink at once (POST /api/v1/audit/sinks/{id}/retry).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateAuditSinks } from "@/lib/query/audit-sinks/invalidate";

export function useRetryAuditSink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TAuditSink>(`/api/v1/audit/sinks/${encodeURIComponent(id)}/retry`, { method: "POST" }),
    onSettled: () => invalidateAuditSinks(queryClient),
  });
}
