// Event classes: the audit actions grouped for retention, forwarding filters
// and the explorer's type filter. Every action belongs to exactly one class
// (tests/unit check the mapping is total).
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";

export const EVENT_CLASSES = ["access", "token", "mcp", "administration", "review", "audit"] as const;
export type EventClass = (typeof EVENT_CLASSES)[number];

export const EVENT_CLASS_LABELS: Record<EventClass, string> = {
  access: "Sign-in and console access",
  token: "Tokens (issued, exchanged, refused, revoked)",
  mcp: "MCP decisions and tool calls",
  administration: "Registry, catalog, grants and settings",
  review: "Recertification campaigns",
  audit: "Audit log operations",
};

const BY_PREFIX: [string, EventClass][] = [
  ["auth.", "access"],
  ["user.", "access"],
  ["api_token.", "access"],
  ["token.", "token"],
  ["mcp.", "mcp"],
  ["campaign.", "review"],
  ["audit.", "audit"],
  ["audit_sink.", "audit"],
];

export function eventClassOf(action: string): EventClass {
  for (const [prefix, eventClass] of BY_PREFIX) if (action.startsWith(prefix)) return eventClass;
  return "administration";
}

/** The actions of one class (the filter an explorer or sink applies for it). */
export function actionsOfClass(eventClass: EventClass): AuditAction[] {
  return AUDIT_ACTIONS.filter((action) => eventClassOf(action) === eventClass);
}
