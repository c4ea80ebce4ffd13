// Audit query inputs and the public view of an event.
import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES } from "@/lib/audit/actions";
import { EVENT_CLASSES } from "@/lib/audit/event-classes";

const ZFacetId = z.string().trim().min(1).max(300);

/**
 * The explorer's filters (also the console's /audit URL parameters and the
 * export's). Every filter is an indexed column (lib/audit/facets.ts); `q` is
 * a case-insensitive substring of the event's searchable text.
 */
export const ZAuditFilter = z.object({
  id: z.string().max(64).optional().describe("One event by id"),
  action: z.enum(AUDIT_ACTIONS).optional(),
  class: z.enum(EVENT_CLASSES).optional().describe("An event class: access, token, mcp, administration, review, audit"),
  outcome: z.enum(AUDIT_OUTCOMES).optional().describe("success (allowed), denied, or failure (error)"),
  actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
  actor: ZFacetId.optional().describe("The acting user, API token or identity id"),
  agent: ZFacetId.optional().describe("The calling agent's identity id"),
  server: ZFacetId.optional().describe("The MCP server's identity id"),
  resource: ZFacetId.optional().describe("The downstream resource's identity id"),
  gateway: ZFacetId.optional().describe("The gateway that reported the event"),
  tool: ZFacetId.optional(),
  scope: ZFacetId.optional().describe("A tool scope (matches events whose scopes include it)"),
  tier: z.enum(["read", "write", "irreversible"]).optional(),
  jti: ZFacetId.optional().describe("A token id: events about that token (issued, used, exchanged from, revoked)"),
  identity: ZFacetId.optional().describe("An identity in any role: actor, target, agent, server, resource or gateway"),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(64).optional(),
  requestId: z.string().max(64).optional(),
  q: z.string().trim().min(2, "at least 2 characters").max(100).optional().describe("Free text in descriptions, names and reasons"),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});
export type TAuditFilter = z.output<typeof ZAuditFilter>;

export const ZListAuditEventsQuery = ZAuditFilter.extend({
  // a chain position: at most a signed 64-bit integer (the seq column), or the query fails in the database
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "not a cursor returned by this API")
    .refine((value) => !/^\d{1,19}$/.test(value) || BigInt(value) <= 9_223_372_036_854_775_807n, "not a cursor returned by this API")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListAuditEventsQuery = z.output<typeof ZListAuditEventsQuery>;

export const ZExportAuditEventsQuery = ZAuditFilter.extend({
  format: z.enum(["csv", "jsonl"]).default("csv"),
});

export const ZAuditFacets = z.object({
  agentId: z.string().nullable(),
  serverId: z.string().nullable(),
  resourceId: z.string().nullable(),
  gatewayId: z.string().nullable(),
  tool: z.string().nullable(),
  scope: z.string().nullable(),
  tier: z.string().nullable(),
  jti: z.string().nullable(),
  parentJti: z.string().nullable(),
});

export const ZAuditEvent = z.object({
  seq: z.string().describe("Position in the hash chain"),
  id: z.string(),
  occurredAt: z.iso.datetime(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  action: z.string(),
  eventClass: z.enum(EVENT_CLASSES),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  facets: ZAuditFacets,
  prunedAt: z.iso.datetime().nullable().describe("Set when retention removed the event's content (its place in the chain stays)"),
  prevHash: z.string(),
  hash: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditEventPage = z.object({
  items: z.array(ZAuditEvent),
  nextCursor: z.string().nullable(),
  names: z.record(z.string(), z.string()).describe("Display names of the identities the page's events name, by id"),
  searchedBackTo: z
    .string()
    .nullable()
    .describe("With q: the page searched events back to this chain position only (free text scans at most 100,000 events a page); nextCursor continues from there"),
});

export const ZChainReport = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  headSeq: z.string(),
  headHash: z.string(),
  firstBreak: z.object({ seq: z.string(), id: z.string().nullable(), reason: z.string() }).nullable(),
  durationMs: z.number().int(),
});
