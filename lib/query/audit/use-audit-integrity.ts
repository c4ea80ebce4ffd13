// The audit integrity summary (GET /api/v1/audit/integrity): latest checks, anchors, retention.
import { useQuery } from "@tanstack/react-query";
import type { TAuditIntegrity } from "@/lib/audit/integrity/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";

/** Under auditKeys.all, so verifying, anchoring and settings changes (which invalidate it) refresh it too. */
export const auditIntegrityKey = [...auditKeys.all, "integrity"] as const;

export function useAuditIntegrity(options: { refetchIntervalMs?: number } = {}) {
  return useQuery({
    queryKey: auditIntegrityKey,
    queryFn: ({ signal }) => apiFetch<TAuditIntegrity>("/api/v1/audit/integrity", { signal }),
    // the scheduled check runs every minute; a break should not wait for a reload
    refetchInterval: options.refetchIntervalMs ?? 60_000,
  });
}
