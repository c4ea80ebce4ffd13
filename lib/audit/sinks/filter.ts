// A sink's filter as stored (JSON: { classes?, actions? }) and the actions it
// selects. Classes become their actions, so the forwarder's query uses the
// (action, seq) index instead of computing classes row by row.
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import { EVENT_CLASSES, eventClassOf, type EventClass } from "@/lib/audit/event-classes";

export type SinkFilter = { classes: EventClass[]; actions: AuditAction[] };

/** The stored filter, read defensively: unknown names (from an older version) are dropped. */
export function sinkFilter(stored: unknown): SinkFilter {
  const value = (stored && typeof stored === "object" ? stored : {}) as { classes?: unknown; actions?: unknown };
  const listed = (list: unknown) => (Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : []);
  return {
    classes: EVENT_CLASSES.filter((eventClass) => listed(value.classes).includes(eventClass)),
    actions: AUDIT_ACTIONS.filter((action) => listed(value.actions).includes(action)),
  };
}

/** The actions a filter forwards, or null for "every event" (an empty filter). */
export function selectedActions(filter: SinkFilter): AuditAction[] | null {
  if (filter.classes.length === 0 && filter.actions.length === 0) return null;
  return AUDIT_ACTIONS.filter((action) => filter.classes.includes(eventClassOf(action)) || filter.actions.includes(action));
}
