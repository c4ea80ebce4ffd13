// Changes an audit sink, e.g. enables or disables it (PATCH /api/v1/audit/sinks/{id}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAuditSink, TUpdateAuditSinkInput } from "@/lib/audit/sinks/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateAuditSinks } from "@/lib/query/audit-sinks/invalidate";

export function useUpdateAuditSink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TUpdateAuditSinkInput }) => apiFetch<TAuditSink>(`/api/v1/audit/sinks/${encodeURIComponent(id)}`, { method: "PATCH", body: input }),
    onSuccess: () => invalidateAuditSinks(queryClient),
  });
}
