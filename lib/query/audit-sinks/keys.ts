// react-query keys for audit sinks (audit forwarding).
export type AuditSinkListParams = { cursor?: string; limit?: number };

export const auditSinkKeys = {
  all: ["audit-sinks"] as const,
  list: (params: AuditSinkListParams) => [...auditSinkKeys.all, "list", params] as const,
};
