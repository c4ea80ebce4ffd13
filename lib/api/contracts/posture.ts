// Contract: the posture dashboard's numbers (docs/posture.md).
import { defineContract } from "@/lib/api/contract";
import { ZPosture, ZPostureQuery } from "@/lib/posture/schemas";

export const getPostureContract = defineContract({
  operationId: "getPosture",
  method: "GET",
  path: "/api/v1/posture",
  tag: "Posture",
  summary: "Security posture: identity, token, catalog, recertification and audit-coverage cards with links to the lists behind them, and daily trends",
  description:
    "Admins and auditors (audit:read) get the whole estate by default; everyone else gets `view=mine`, their own identities needing attention (primary or backup owner), without the audit numbers and trends.",
  // owners read their own view; the estate view additionally needs audit:read, checked by the domain function
  permission: "identities:read",
  query: ZPostureQuery,
  response: { status: 200, description: "The cards and trends", schema: ZPosture },
});
