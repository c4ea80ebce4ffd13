// After a sink changes: its list, and the audit log (every change is an audit event).
import type { QueryClient } from "@tanstack/react-query";
import { auditKeys } from "@/lib/query/audit/keys";
import { auditSinkKeys } from "@/lib/query/audit-sinks/keys";

export function invalidateAuditSinks(queryClient: QueryClient) {
  return Promise.all([queryClient.invalidateQueries({ queryKey: auditSinkKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
}
