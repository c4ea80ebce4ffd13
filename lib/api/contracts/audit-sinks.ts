// Contracts: audit forwarding sinks — SIEM webhooks, JSON Lines files, syslog (docs/audit-forwarding.md).
import { defineContract } from "@/lib/api/contract";
import { idParam } from "@/lib/api/contracts/common";
import { ZAuditSink, ZCreateAuditSinkInput, ZCreatedAuditSink, ZListAuditSinksQuery, ZUpdateAuditSinkInput } from "@/lib/audit/sinks/schemas";
import { zPage } from "@/lib/pagination";

const TAG = "Audit forwarding";
const sinkId = idParam("snk", "audit sink");

export const listAuditSinksContract = defineContract({
  operationId: "listAuditSinks",
  method: "GET",
  path: "/api/v1/audit/sinks",
  tag: TAG,
  summary: "Audit sinks with their delivery status and lag, newest first (never their secrets)",
  permission: "audit:read",
  query: ZListAuditSinksQuery,
  response: { status: 200, description: "A page of sinks", schema: zPage(ZAuditSink) },
});

export const createAuditSinkContract = defineContract({
  operationId: "createAuditSink",
  method: "POST",
  path: "/api/v1/audit/sinks",
  tag: TAG,
  summary: "Add an audit sink; a webhook sink's signing secret is returned once",
  description:
    "webhook: an https URL (http only to loopback hosts) that receives signed JSON batches; file: an absolute path under the sink directory (WARDEN_AUDIT_SINK_DIR), appended as JSON Lines; syslog: [udp|tcp://]host:port, RFC 5424 messages. New sinks start at the head of the audit chain unless startFrom is \"beginning\".",
  permission: "audit:manage",
  body: ZCreateAuditSinkInput,
  errors: ["validation_failed", "conflict"],
  response: { status: 201, description: "The sink, and its signing secret (webhooks)", schema: ZCreatedAuditSink },
});

export const getAuditSinkContract = defineContract({
  operationId: "getAuditSink",
  method: "GET",
  path: "/api/v1/audit/sinks/{id}",
  tag: TAG,
  summary: "One audit sink with its delivery status",
  permission: "audit:read",
  params: sinkId,
  errors: ["not_found"],
  response: { status: 200, description: "The sink", schema: ZAuditSink },
});

export const updateAuditSinkContract = defineContract({
  operationId: "updateAuditSink",
  method: "PATCH",
  path: "/api/v1/audit/sinks/{id}",
  tag: TAG,
  summary: "Change an audit sink's name, target, filter or batch size, or enable or disable it",
  permission: "audit:manage",
  params: sinkId,
  body: ZUpdateAuditSinkInput,
  errors: ["not_found", "validation_failed", "conflict"],
  response: { status: 200, description: "The sink", schema: ZAuditSink },
});

export const deleteAuditSinkContract = defineContract({
  operationId: "deleteAuditSink",
  method: "DELETE",
  path: "/api/v1/audit/sinks/{id}",
  tag: TAG,
  summary: "Delete an audit sink",
  permission: "audit:manage",
  params: sinkId,
  errors: ["not_found"],
  response: { status: 200, description: "The deleted sink", schema: ZAuditSink },
});

export const retryAuditSinkContract = defineContract({
  operationId: "retryAuditSink",
  method: "POST",
  path: "/api/v1/audit/sinks/{id}/retry",
  tag: TAG,
  summary: "Retry now: forward to the sink at once instead of after its backoff",
  description: "Runs one short forwarding pass for the sink and answers with its status afterwards (status ok again, or failing with the new lastError).",
  permission: "audit:manage",
  params: sinkId,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The sink after the attempt", schema: ZAuditSink },
});
