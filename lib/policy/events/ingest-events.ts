// Stores a batch of decision and tool-call events from an enforcement point in
// the audit log, attributed to it (actor = the gateway's or server's identity).
// Idempotent: each event's audit id is derived from the reporting identity and
// the event's own id, so a batch sent again after a lost answer stores nothing
// twice (the answer counts it as duplicates). The caller authenticated the
// enforcement point (lib/policy/bundle/endpoint-auth.ts); this checks again
// that it is an active gateway or server and that every event is about a
// server in its view, and stores nothing otherwise.
import crypto from "node:crypto";
import { appendAuditEvents, lockAuditChain, type AuditInput } from "@/lib/audit/append";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { observeIngestedEvents } from "@/lib/metrics/policy";
import { countGrantUse } from "@/lib/policy/events/count-grant-use";
import { viewOf } from "@/lib/policy/bundle/compile";
import type { EnforcementEvent } from "@/lib/policy/events/schema";

export type IngestResult = { ok: true; stored: number; duplicates: number } | { ok: false; status: 403; message: string };

/** The audit id of an ingested event: the same reporter and event id always give the same one. */
export function ingestedEventId(reporterId: string, eventId: string): string {
  return `evt_x${crypto.createHash("sha256").update(`${reporterId}\u0000${eventId}`).digest("hex").slice(0, 40)}`;
}

type Reporter = { id: string; name: string; kind: string };

/**
 * The event as an audit input. Adds what the explorer filters on and the
 * reporter did not say: the gateway (when the reporter is one) and the tool's
 * tier in the catalog at receipt (null for a scope the catalog does not know).
 */
function auditInput(reporter: Reporter, event: EnforcementEvent, receivedAt: Date, tiers: Map<string, string | null>): AuditInput {
  const { id: eventId, type, ...fields } = event;
  const outcome = type === "decision" ? (event.decision === "allow" ? "success" : "denied") : event.result === "success" ? "success" : "failure";
  return {
    id: ingestedEventId(reporter.id, eventId),
    action: type === "decision" ? "mcp.decision" : "mcp.tool_call",
    actor: { type: "identity", id: reporter.id, label: reporter.name },
    target: { type: "identity", id: event.serverId },
    outcome,
    details: {
      eventId,
      reportedBy: reporter.id,
      gatewayId: reporter.kind === "gateway" ? reporter.id : null,
      tier: event.scope ? (tiers.get(event.scope) ?? null) : null,
      ...fields,
    },
    at: receivedAt,
  };
}

export async function ingestEnforcementEvents(reporterId: string, events: EnforcementEvent[], receivedAt = new Date()): Promise<IngestResult> {
  const view = await viewOf(reporterId);
  const reporter = await db().identity.findUnique({ where: { id: reporterId }, select: { id: true, name: true, kind: true } });
  if (!view || !reporter) return { ok: false, status: 403, message: "Only active gateways and MCP servers report events" };
  const serverIds = [...new Set(events.map((event) => event.serverId))];
  const allowed =
    view.serverIds === "all"
      ? new Set((await db().identity.findMany({ where: { id: { in: serverIds }, kind: "server" }, select: { id: true } })).map((server) => server.id))
      : new Set(view.serverIds);
  const foreign = events.findIndex((event) => !allowed.has(event.serverId));
  // the same answer whether the server exists or not: the reporter learns nothing about servers outside its view
  if (foreign !== -1) return { ok: false, status: 403, message: `events.${foreign}.serverId: not a server this identity fronts` };

  const unique = new Map(events.map((event) => [ingestedEventId(reporter.id, event.id), event]));
  const scopes = [...new Set(events.flatMap((event) => (event.scope ? [event.scope] : [])))];
  const tiers = new Map((await db().tool.findMany({ where: { scope: { in: scopes } }, select: { scope: true, tier: true } })).map((tool) => [tool.scope, tool.tier as string | null]));
  let stored: EnforcementEvent[] = [];
  const result = await transact(async (tx) => {
    // under the chain's lock, a concurrent copy of this batch has either committed (and is seen here) or waits for this one
    await lockAuditChain(tx);
    const existing = new Set((await tx.auditEvent.findMany({ where: { id: { in: [...unique.keys()] } }, select: { id: true } })).map((row) => row.id));
    const fresh = [...unique.entries()].filter(([id]) => !existing.has(id)).map(([, event]) => event);
    await appendAuditEvents(
      tx,
      fresh.map((event) => auditInput(reporter, event, receivedAt, tiers)),
    );
    await countGrantUse(tx, fresh, receivedAt);
    stored = fresh;
    return { ok: true as const, stored: fresh.length, duplicates: events.length - fresh.length };
  });
  // after the commit: a rolled-back batch stored nothing
  observeIngestedEvents(stored, receivedAt);
  return result;
}
