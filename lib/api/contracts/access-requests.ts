// Contracts: access requests and their four-eyes approval (docs/separation-of-duties.md).
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { ZAccessRequest, ZCancelAccessRequestInput, ZCreateAccessRequestInput, ZDecideAccessRequestInput, ZListAccessRequestsQuery } from "@/lib/access-requests/schemas";
import { zPage } from "@/lib/pagination";

const requestId = z.object({ id: z.string().regex(/^arq_[0-9a-z]{26}$/, "not an access request id (arq_…)") });

export const listAccessRequestsContract = defineContract({
  operationId: "listAccessRequests",
  method: "GET",
  path: "/api/v1/access-requests",
  tag: "Access requests",
  summary: "Access requests: waiting for my decision, made by me, or all (admins and auditors)",
  permission: "identities:read",
  query: ZListAccessRequestsQuery,
  errors: ["forbidden"],
  response: { status: 200, description: "A page of access requests, newest first", schema: zPage(ZAccessRequest) },
});

export const createAccessRequestContract = defineContract({
  operationId: "createAccessRequest",
  method: "POST",
  path: "/api/v1/access-requests",
  tag: "Access requests",
  summary: "Ask for approved tools of one server for an agent one owns (owners of the agent and admins)",
  description:
    "The server's owner (or an admin) approves or denies. Irreversible tools — and write tools of production servers when secondApprovalForProductionWrite is on — then need a second admin who is neither the requester, the first approver nor an owner of the agent. A toxic combination in block mode is refused (409, naming the tools); in require_approval mode a security approval is added. Undecided requests expire after accessRequestExpiryDays.",
  permission: "identities:register",
  body: ZCreateAccessRequestInput,
  errors: ["validation_failed", "conflict", "forbidden"],
  response: { status: 201, description: "The pending request", schema: ZAccessRequest },
});

export const getAccessRequestContract = defineContract({
  operationId: "getAccessRequest",
  method: "GET",
  path: "/api/v1/access-requests/{id}",
  tag: "Access requests",
  summary: "One access request, with its steps and who decided them",
  permission: "identities:read",
  params: requestId,
  errors: ["not_found"],
  response: { status: 200, description: "The request", schema: ZAccessRequest },
});

export const decideAccessRequestContract = defineContract({
  operationId: "decideAccessRequest",
  method: "POST",
  path: "/api/v1/access-requests/{id}/decision",
  tag: "Access requests",
  summary: "Approve or deny the next step of a pending request",
  description:
    "Steps go in order: owner (an owner of the server or an admin), admin (a second admin), security (an admin; comment required). Nobody decides their own request (403). A deny (comment required) ends the request; the last approval creates the grant. A decided, cancelled or expired request, or a step someone else decided first, answers 409.",
  permission: "identities:register",
  params: requestId,
  body: ZDecideAccessRequestInput,
  errors: ["not_found", "forbidden", "conflict", "validation_failed"],
  response: { status: 200, description: "The request after the decision", schema: ZAccessRequest },
});

export const cancelAccessRequestContract = defineContract({
  operationId: "cancelAccessRequest",
  method: "POST",
  path: "/api/v1/access-requests/{id}/cancel",
  tag: "Access requests",
  summary: "Withdraw a pending request (the requester only)",
  permission: "identities:register",
  params: requestId,
  body: ZCancelAccessRequestInput,
  errors: ["not_found", "forbidden", "conflict", "validation_failed"],
  response: { status: 200, description: "The cancelled request", schema: ZAccessRequest },
});
