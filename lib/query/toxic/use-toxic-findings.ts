// Findings: agents holding toxic combinations (GET /api/v1/toxic-policies/findings).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { toxicKeys, type FindingListParams } from "@/lib/query/toxic/keys";
import type { TToxicFinding } from "@/lib/toxic/schemas";

export function useToxicFindings(params: FindingListParams) {
  return useQuery({
    queryKey: toxicKeys.findings(params),
    queryFn: ({ signal }) => apiFetch<{ items: TToxicFinding[]; nextCursor: string | null }>(`/api/v1/toxic-policies/findings${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}
