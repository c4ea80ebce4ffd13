// Deletes an audit sink (DELETE /api/v1/audit/sinks/{id}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateAuditSinks } from "@/lib/query/audit-sinks/invalidate";

export function useDeleteAuditSink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<TAuditSink>(`/api/v1/audit/sinks/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => invalidateAuditSinks(queryClient),
  });
}
