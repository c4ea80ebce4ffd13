// Links from the dashboard into the audit explorer (/audit), whose filters are
// URL parameters: since, until, action, class, outcome (docs/posture.md).
import type { AuditAction, AuditOutcome } from "@/lib/audit/actions";
import type { EventClass } from "@/lib/audit/event-classes";

export type AuditFilters = { since?: Date; until?: Date; action?: AuditAction; class?: EventClass; outcome?: AuditOutcome };

export function auditHref(filters: AuditFilters): string {
  const params = new URLSearchParams();
  if (filters.since) params.set("since", filters.since.toISOString());
  if (filters.until) params.set("until", filters.until.toISOString());
  if (filters.action) params.set("action", filters.action);
  if (filters.class) params.set("class", filters.class);
  if (filters.outcome) params.set("outcome", filters.outcome);
  return `/audit?${params.toString()}`;
}

/** Denied MCP calls: decisions an enforcement point refused. */
export const deniedCalls = (since: Date, until?: Date) => auditHref({ since, until, action: "mcp.decision", outcome: "denied" });
/** Refused token requests: token.refused and token.exchange_refused are the token class's only denied events. */
export const tokenRefusals = (since: Date, until?: Date) => auditHref({ since, until, class: "token", outcome: "denied" });
export const tokensIssued = (since: Date, until?: Date) => auditHref({ since, until, action: "token.issued" });
