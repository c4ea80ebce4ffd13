// The integrity view of the audit log: verification results, anchors, the
// retention settings and recent retention runs (GET /api/v1/audit/integrity).
import { z } from "zod";
import { EVENT_CLASSES } from "@/lib/audit/event-classes";
import { ZAuditRetentionSettings } from "@/lib/audit/retention/settings-schema";

export const ZAuditCheck = z.object({
  id: z.string(),
  trigger: z.enum(["scheduled", "user"]),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  ok: z.boolean(),
  checked: z.number().int().describe("Events verified by this check (a scheduled check between daily full walks verifies only new events)"),
  headSeq: z.string(),
  firstBreak: z.object({ seq: z.string(), id: z.string().nullable(), reason: z.string() }).nullable(),
  anchorsChecked: z.number().int(),
});
export type TAuditCheck = z.infer<typeof ZAuditCheck>;

export const ZAuditAnchor = z.object({
  id: z.string(),
  seq: z.string().describe("Position of the signed head"),
  hash: z.string(),
  signedAt: z.iso.datetime(),
  kid: z.string().describe("Warden signing key that signed it (see /.well-known/jwks.json)"),
  jws: z.string().describe("Compact JWS, typ warden-audit-anchor+jwt, payload {iss, seq, hash, signedAt[, retention]}"),
});
export type TAuditAnchor = z.infer<typeof ZAuditAnchor>;

export const ZAuditPrune = z.object({
  id: z.string(),
  eventClass: z.enum(EVENT_CLASSES),
  cutoff: z.iso.datetime(),
  upToSeq: z.string(),
  pruned: z.number().int(),
  anchorId: z.string().nullable(),
  at: z.iso.datetime(),
});
export type TAuditPrune = z.infer<typeof ZAuditPrune>;

export const ZAuditIntegrity = z.object({
  latestCheck: ZAuditCheck.nullable().describe("The most recent verification, scheduled or on demand"),
  latestScheduled: ZAuditCheck.nullable(),
  latestUser: ZAuditCheck.nullable(),
  recentChecks: z.array(ZAuditCheck),
  latestAnchor: ZAuditAnchor.nullable(),
  anchorCount: z.number().int(),
  retention: ZAuditRetentionSettings,
  recentPrunes: z.array(ZAuditPrune),
  facetBackfillPending: z.boolean().describe("Events still wait for their index columns to be filled in"),
});
export type TAuditIntegrity = z.infer<typeof ZAuditIntegrity>;
