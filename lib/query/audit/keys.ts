// react-query keys for the audit log.
import type { AuditAction, AuditOutcome } from "@/lib/audit/actions";

export type AuditEventListParams = {
  action?: AuditAction;
  outcome?: AuditOutcome;
  targetId?: string;
  requestId?: string;
  cursor?: string;
  limit?: number;
};

export const auditKeys = {
  all: ["audit"] as const,
  events: () => [...auditKeys.all, "events"] as const,
  eventList: (params: AuditEventListParams) => [...auditKeys.events(), params] as const,
};
