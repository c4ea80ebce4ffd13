// One page of audit sinks with their status (GET /api/v1/audit/sinks). Refetched
// every 30 s while shown: lag and failures change as the forwarder runs.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { auditSinkKeys, type AuditSinkListParams } from "@/lib/query/audit-sinks/keys";

export type AuditSinkPage = { items: TAuditSink[]; nextCursor: string | null; total?: number };

export function useAuditSinks(params: AuditSinkListParams) {
  return useQuery({
    queryKey: auditSinkKeys.list(params),
    queryFn: ({ signal }) => apiFetch<AuditSinkPage>(`/api/v1/audit/sinks${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
