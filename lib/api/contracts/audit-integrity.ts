// Contracts: audit integrity — verification results, anchors and retention.
import { defineContract } from "@/lib/api/contract";
import { ZAuditAnchor, ZAuditIntegrity } from "@/lib/audit/integrity/schemas";
import { ZAuditRetentionPatch, ZAuditRetentionSettings } from "@/lib/audit/retention/settings-schema";

export const getAuditIntegrityContract = defineContract({
  operationId: "getAuditIntegrity",
  method: "GET",
  path: "/api/v1/audit/integrity",
  tag: "Audit",
  summary: "The latest chain verifications (scheduled and on demand), anchors, retention settings and recent retention runs",
  permission: "audit:read",
  response: { status: 200, description: "The integrity summary", schema: ZAuditIntegrity },
});

export const createAuditAnchorContract = defineContract({
  operationId: "createAuditAnchor",
  method: "POST",
  path: "/api/v1/audit/anchors",
  tag: "Audit",
  summary: "Sign the audit chain's head now with Warden's signing key (an anchor)",
  description: "The anchor is a compact JWS (typ warden-audit-anchor+jwt) over {iss, seq, hash, signedAt}; it covers the audit.anchored event that announces it.",
  permission: "audit:manage",
  response: { status: 201, description: "The new anchor", schema: ZAuditAnchor },
});

export const updateAuditRetentionContract = defineContract({
  operationId: "updateAuditRetention",
  method: "PATCH",
  path: "/api/v1/audit/integrity/retention",
  tag: "Audit",
  summary: "Change retention per event class and the anchoring interval (admins); audited as audit.retention_changed",
  permission: "audit:manage",
  body: ZAuditRetentionPatch,
  errors: ["validation_failed"],
  response: { status: 200, description: "The retention settings after the change", schema: ZAuditRetentionSettings },
});
