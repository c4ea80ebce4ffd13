// react-query keys for the audit log.
import type { TAuditFilter } from "@/lib/audit/schemas";

export type AuditEventListParams = TAuditFilter & { cursor?: string; limit?: number };

export const auditKeys = {
  all: ["audit"] as const,
  events: () => [...auditKeys.all, "events"] as const,
  eventList: (params: AuditEventListParams) => [...auditKeys.events(), params] as const,
  chain: (eventId: string) => [...auditKeys.all, "chain", eventId] as const,
};
