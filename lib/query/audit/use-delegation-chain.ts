// The delegation chain around one event (GET /api/v1/audit/events/{id}/chain).
import { useQuery } from "@tanstack/react-query";
import type { TDelegationChain } from "@/lib/audit/chain-schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";

export function useDelegationChain(eventId: string) {
  return useQuery({
    queryKey: auditKeys.chain(eventId),
    queryFn: ({ signal }) => apiFetch<TDelegationChain>(`/api/v1/audit/events/${encodeURIComponent(eventId)}/chain`, { signal }),
  });
}
