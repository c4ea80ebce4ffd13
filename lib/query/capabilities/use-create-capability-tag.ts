// Defines a capability tag (POST /api/v1/capability-tags).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCapabilityTag, TCreateCapabilityTagInput } from "@/lib/capabilities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { capabilityKeys } from "@/lib/query/capabilities/keys";

export function useCreateCapabilityTag() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateCapabilityTagInput) => apiFetch<TCapabilityTag>("/api/v1/capability-tags", { method: "POST", body: input }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: capabilityKeys.tags }), client.invalidateQueries({ queryKey: auditKeys.all })]),
  });
}
