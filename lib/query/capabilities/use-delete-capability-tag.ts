// Deletes an unused capability tag (DELETE /api/v1/capability-tags/{tag}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCapabilityTag } from "@/lib/capabilities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { capabilityKeys } from "@/lib/query/capabilities/keys";

export function useDeleteCapabilityTag() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tag: string) => apiFetch<TCapabilityTag>(`/api/v1/capability-tags/${encodeURIComponent(tag)}`, { method: "DELETE" }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: capabilityKeys.tags }), client.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
