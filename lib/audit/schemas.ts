// Audit query inputs and the public view of an event.
import { z } from "zod";
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES } from "@/lib/audit/actions";

export const ZListAuditEventsQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
  actorId: z.string().max(64).optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(64).optional(),
  requestId: z.string().max(64).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().regex(/^\d{1,19}$/, "not a cursor returned by this API").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TListAuditEventsQuery = z.output<typeof ZListAuditEventsQuery>;

export const ZAuditEvent = z.object({
  seq: z.string().describe("Position in the hash chain"),
  id: z.string(),
  occurredAt: z.iso.datetime(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditEventPage = z.object({ items: z.array(ZAuditEvent), nextCursor: z.string().nullable() });

export const ZChainReport = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  headSeq: z.string(),
  headHash: z.string(),
  firstBreak: z.object({ seq: z.string(), id: z.string().nullable(), reason: z.string() }).nullable(),
  durationMs: z.number().int(),
});
