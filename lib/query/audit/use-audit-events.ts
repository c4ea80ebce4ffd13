// One page of audit events, newest first (GET /api/v1/audit/events).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TAuditEvent } from "@/lib/audit/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { auditKeys, type AuditEventListParams } from "@/lib/query/audit/keys";

export type AuditEventPage = { items: TAuditEvent[]; nextCursor: string | null; names: Record<string, string>; searchedBackTo: string | null };

export function useAuditEvents(params: AuditEventListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: auditKeys.eventList(params),
    queryFn: ({ signal }) => apiFetch<AuditEventPage>(`/api/v1/audit/events${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
