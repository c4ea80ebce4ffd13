// Admin-editable settings, their types and defaults. Stored per key in the
// Setting table; a key that was never set has its default.
import { z } from "zod";
import { DEFAULT_ANCHOR_INTERVAL_MINUTES, DEFAULT_AUDIT_RETENTION_DAYS, ZAuditRetentionSettings } from "@/lib/audit/retention/settings-schema";

export const ZSettings = z.object({
  autoApproveDevelopment: z.boolean().describe("Identities registered for the development environment are approved at once"),
  requireKeyProofInProduction: z.boolean().describe("Keys of production identities must come with proof of possession (a signed challenge)"),
  keyRotationOverlapDays: z.number().int().min(0).max(90).describe("Default days a retiring key stays valid after it is retired"),
  maxImportDocuments: z.number().int().min(1).max(5000).describe("Most server.json documents one import may contain"),
  keyMaxAgeDays: z.number().int().min(1).max(3650).describe("Rotation policy: active keys older than this many days are flagged on the posture dashboard"),
  accessRequestExpiryDays: z.number().int().min(1).max(90).describe("Days an undecided access request stays open before it expires"),
  secondApprovalForProductionWrite: z.boolean().describe("Write-tier tools of production servers need a second approval by an admin, like irreversible ones"),
  hardwareKeysRequiredEnvironments: z
    .array(z.enum(["production", "staging", "development"]))
    .max(3)
    .transform((environments) => [...new Set(environments)].sort())
    .describe("Agents in these environments must authenticate with keys attested as hardware-bound by a trusted attester"),
  auditRetentionDays: ZAuditRetentionSettings.shape.auditRetentionDays.describe("Days each audit event class keeps its content before retention prunes it (null: forever)"),
  auditAnchorIntervalMinutes: ZAuditRetentionSettings.shape.auditAnchorIntervalMinutes,
});
export type Settings = z.infer<typeof ZSettings>;

export const DEFAULT_SETTINGS: Settings = {
  autoApproveDevelopment: true,
  requireKeyProofInProduction: true,
  keyRotationOverlapDays: 7,
  maxImportDocuments: 500,
  keyMaxAgeDays: 90,
  accessRequestExpiryDays: 14,
  secondApprovalForProductionWrite: false,
  hardwareKeysRequiredEnvironments: [],
  auditRetentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
  auditAnchorIntervalMinutes: DEFAULT_ANCHOR_INTERVAL_MINUTES,
};

// The audit settings change only through lib/audit/retention/update-retention.ts
// (audit:manage), which records audit.retention_changed in the audit class —
// never pruned — rather than settings.updated, which retention could prune.
export const ZSettingsPatch = ZSettings.omit({ auditRetentionDays: true, auditAnchorIntervalMinutes: true }).partial().strict().refine((value) => Object.keys(value).length > 0, "Change at least one setting");
