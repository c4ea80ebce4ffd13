// Contracts: the audit log.
import { defineContract } from "@/lib/api/contract";
import { z } from "zod";
import { ZDelegationChain } from "@/lib/audit/chain-schemas";
import { ZAuditEventPage, ZChainReport, ZExportAuditEventsQuery, ZListAuditEventsQuery } from "@/lib/audit/schemas";

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

export const getDelegationChainContract = defineContract({
  operationId: "getDelegationChain",
  method: "GET",
  path: "/api/v1/audit/events/{id}/chain",
  tag: "Audit",
  summary: "The delegation chain around a token, exchange or tool-call event: the agent's token, the exchanges made from it (nested act, parent jti), and each token's decisions, tool calls and revocations",
  permission: "audit:read",
  params: z.object({ id: z.string().max(64) }),
  errors: ["not_found"],
  response: { status: 200, description: "The chain", schema: ZDelegationChain },
});

export const exportAuditEventsContract = defineContract({
  operationId: "exportAuditEvents",
  method: "GET",
  path: "/api/v1/audit/export",
  tag: "Audit",
  summary: "Export the events a filter selects, oldest first, as CSV or JSON Lines (streamed), with OpenTelemetry-style field names (docs/audit.md)",
  permission: "audit:read",
  query: ZExportAuditEventsQuery,
  response: {
    status: 200,
    description: "format=csv: text/csv with a header line; format=jsonl: application/jsonl, one event per line",
    schema: z.string(),
  },
});
