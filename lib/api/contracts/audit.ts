// Contracts: the audit log.
import { defineContract } from "@/lib/api/contract";
import { ZAuditEventPage, ZChainReport, ZListAuditEventsQuery } from "@/lib/audit/schemas";

export const listAuditEventsContract = defineContract({
  operationId: "listAuditEvents",
  method: "GET",
  path: "/api/v1/audit/events",
  tag: "Audit",
  summary: "List audit events, newest first, with filters",
  permission: "audit:read",
  query: ZListAuditEventsQuery,
  response: { status: 200, description: "A page of events", schema: ZAuditEventPage },
});

export const verifyAuditChainContract = defineContract({
  operationId: "verifyAuditChain",
  method: "POST",
  path: "/api/v1/audit/verify",
  tag: "Audit",
  summary: "Verify the whole audit hash chain and report the first break, if any",
  permission: "audit:verify",
  response: { status: 200, description: "The verification report", schema: ZChainReport },
});
