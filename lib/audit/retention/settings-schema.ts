// The audit retention and anchoring settings: how long each event class keeps
// its content, and how often the chain head is signed. Shared by the settings
// defaults, the retention form and the API (no server imports).
import { z } from "zod";
import type { EventClass } from "@/lib/audit/event-classes";

/** Shorter would prune evidence before anyone could notice it was needed. */
export const MIN_RETENTION_DAYS = 7;
export const MAX_RETENTION_DAYS = 36_500;
export const MAX_ANCHOR_INTERVAL_MINUTES = 10_080;

const ZDays = z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).nullable();

/**
 * Days per event class; null keeps that class forever. The audit class is
 * always kept: it holds the record of pruning itself (audit.pruned,
 * audit.anchored, audit.retention_changed), which must outlive what it pruned.
 */
export const ZAuditRetentionDays = z.object({
  access: ZDays,
  token: ZDays,
  mcp: ZDays,
  administration: ZDays,
  review: ZDays,
  audit: z.null().describe("Audit-log operations are kept forever"),
}) satisfies z.ZodType<Record<EventClass, number | null>>;
export type AuditRetentionDays = z.infer<typeof ZAuditRetentionDays>;

export const ZAnchorIntervalMinutes = z.number().int().min(0).max(MAX_ANCHOR_INTERVAL_MINUTES);

export const DEFAULT_AUDIT_RETENTION_DAYS: AuditRetentionDays = { access: 365, token: 90, mcp: 90, administration: null, review: null, audit: null };
export const DEFAULT_ANCHOR_INTERVAL_MINUTES = 60;

export const ZAuditRetentionSettings = z.object({
  auditRetentionDays: ZAuditRetentionDays,
  auditAnchorIntervalMinutes: ZAnchorIntervalMinutes.describe("Minutes between signed anchors of the chain head; 0 turns periodic anchoring off"),
});
export type TAuditRetentionSettings = z.infer<typeof ZAuditRetentionSettings>;

export const ZAuditRetentionPatch = z
  .object({
    auditRetentionDays: ZAuditRetentionDays.partial().strict().optional(),
    auditAnchorIntervalMinutes: ZAnchorIntervalMinutes.optional(),
  })
  .strict()
  .refine((value) => value.auditRetentionDays !== undefined || value.auditAnchorIntervalMinutes !== undefined, "Change at least one setting");
export type TAuditRetentionPatch = z.infer<typeof ZAuditRetentionPatch>;
