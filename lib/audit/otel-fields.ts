// The flat field names audit events carry when they leave Warden (CSV and
// JSON Lines export, SIEM webhook, file and syslog sinks). Where an
// OpenTelemetry semantic convention names the thing we use its name
// (gen-ai/MCP conventions: mcp.method.name, gen_ai.tool.name,
// gen_ai.operation.name, gen_ai.agent.id; general: user.id, client.address,
// user_agent.original, error.type); Warden's own things are under warden.*.
// docs/audit.md lists every field. The order here is the CSV column order.
import { eventClassOf } from "@/lib/audit/event-classes";
import type { AuditFacets } from "@/lib/audit/facets";
import type { ChainedFields } from "@/lib/audit/hash";

/** What an exported event is made from: the stored row's chained content and facets. */
export type ExportableEvent = ChainedFields & { hash: string; prunedAt?: Date | null } & Omit<AuditFacets, "facetVersion" | "search">;

export const EXPORT_FIELDS = [
  "timestamp",
  "event.name",
  "warden.audit.seq",
  "warden.audit.id",
  "warden.audit.class",
  "warden.audit.action",
  "warden.audit.outcome",
  "warden.actor.type",
  "warden.actor.id",
  "warden.actor.label",
  "user.id",
  "gen_ai.agent.id",
  "warden.server.id",
  "warden.resource.id",
  "warden.gateway.id",
  "gen_ai.operation.name",
  "mcp.method.name",
  "gen_ai.tool.name",
  "warden.oauth.scope",
  "warden.tool.tier",
  "warden.token.jti",
  "warden.token.parent_jti",
  "warden.target.type",
  "warden.target.id",
  "error.type",
  "warden.request.id",
  "client.address",
  "user_agent.original",
  "warden.audit.prev_hash",
  "warden.audit.hash",
  "warden.audit.pruned",
  "warden.audit.details",
] as const;

export type ExportField = (typeof EXPORT_FIELDS)[number];
export type ExportRecord = Record<ExportField, string | null>;

export function exportRecord(event: ExportableEvent): ExportRecord {
  const details = (event.details && typeof event.details === "object" ? event.details : {}) as Record<string, unknown>;
  const method = typeof details.method === "string" ? details.method : null;
  const error = typeof details.error === "string" && event.outcome !== "success" ? details.error : null;
  return {
    timestamp: event.occurredAt.toISOString(),
    "event.name": `warden.${event.action}`,
    "warden.audit.seq": event.seq.toString(),
    "warden.audit.id": event.id,
    "warden.audit.class": eventClassOf(event.action),
    "warden.audit.action": event.action,
    "warden.audit.outcome": event.outcome,
    "warden.actor.type": event.actorType,
    "warden.actor.id": event.actorId,
    "warden.actor.label": event.actorLabel,
    "user.id": event.actorType === "user" ? event.actorId : null,
    "gen_ai.agent.id": event.agentId,
    "warden.server.id": event.serverId,
    "warden.resource.id": event.resourceId,
    "warden.gateway.id": event.gatewayId,
    // the conventions' operation for running a tool; other MCP methods carry only mcp.method.name
    "gen_ai.operation.name": event.action.startsWith("mcp.") && method === "tools/call" ? "execute_tool" : null,
    "mcp.method.name": event.action.startsWith("mcp.") ? method : null,
    "gen_ai.tool.name": event.tool,
    "warden.oauth.scope": event.scope,
    "warden.tool.tier": event.tier,
    "warden.token.jti": event.jti,
    "warden.token.parent_jti": event.parentJti,
    "warden.target.type": event.targetType,
    "warden.target.id": event.targetId,
    "error.type": error,
    "warden.request.id": event.requestId,
    "client.address": event.ip,
    "user_agent.original": event.userAgent,
    "warden.audit.prev_hash": event.prevHash,
    "warden.audit.hash": event.hash,
    "warden.audit.pruned": event.prunedAt?.toISOString() ?? null,
    "warden.audit.details": JSON.stringify(details),
  };
}
