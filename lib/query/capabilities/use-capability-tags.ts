// Capability tag definitions (GET /api/v1/capability-tags).
import { useQuery } from "@tanstack/react-query";
import type { TCapabilityTag } from "@/lib/capabilities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { capabilityKeys } from "@/lib/query/capabilities/keys";

export function useCapabilityTags(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: capabilityKeys.tagList(),
    queryFn: ({ signal }) => apiFetch<{ items: TCapabilityTag[] }>("/api/v1/capability-tags", { signal }),
    enabled: options.enabled ?? true,
  });
}
