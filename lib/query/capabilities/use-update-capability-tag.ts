// Renames or re-describes a capability tag (PATCH /api/v1/capability-tags/{tag}).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCapabilityTag, TUpdateCapabilityTagInput } from "@/lib/capabilities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { capabilityKeys } from "@/lib/query/capabilities/keys";

export function useUpdateCapabilityTag() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ tag, input }: { tag: string; input: TUpdateCapabilityTagInput }) =>
      apiFetch<TCapabilityTag>(`/api/v1/capability-tags/${encodeURIComponent(tag)}`, { method: "PATCH", body: input }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: capabilityKeys.tags }), client.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
