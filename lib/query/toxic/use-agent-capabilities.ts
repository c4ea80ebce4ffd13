// An agent's capability summary (GET /api/v1/agents/{id}/capabilities).
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { toxicKeys } from "@/lib/query/toxic/keys";
import type { TAgentCapabilities } from "@/lib/toxic/schemas";

export function useAgentCapabilities(agentId: string) {
  return useQuery({
    queryKey: toxicKeys.capabilities(agentId),
    queryFn: ({ signal }) => apiFetch<TAgentCapabilities>(`/api/v1/agents/${agentId}/capabilities`, { signal }),
  });
}
