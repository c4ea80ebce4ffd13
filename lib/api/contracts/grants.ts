// Contracts: grants, effective access and exchange policies.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { ZCreateExchangePolicyInput, ZExchangePolicy, ZListExchangePoliciesQuery, ZRevokeExchangePolicyInput } from "@/lib/exchange/schemas";
import { ZCreateGrantInput, ZEffectiveAccess, ZEffectiveAccessQuery, ZGrant, ZListGrantsQuery, ZRevokeGrantInput } from "@/lib/grants/schemas";
import { zPage } from "@/lib/pagination";

const grantId = z.object({ id: z.string().regex(/^grt_[0-9a-z]{26}$/, "not a grant id (grt_…)") });

export const listGrantsContract = defineContract({
  operationId: "listGrants",
  method: "GET",
  path: "/api/v1/grants",
  tag: "Grants",
  summary: "List grants by agent or server and state (active / expired / revoked)",
  permission: "identities:read",
  query: ZListGrantsQuery,
  response: { status: 200, description: "A page of grants", schema: zPage(ZGrant) },
});

export const createGrantContract = defineContract({
  operationId: "createGrant",
  method: "POST",
  path: "/api/v1/grants",
  tag: "Grants",
  summary: "Grant an agent approved tool scopes on one server, with a justification (admins)",
  description:
    "Shortcuts expand to the approved tools of those tiers now; tools added later are never granted implicitly. Four eyes: when the tools include irreversible ones (or write tools of a production server, with the setting secondApprovalForProductionWrite), or a toxic-combination policy requires a security approval, nothing is granted yet: the answer is **202 Accepted** with the pending access request (an AccessRequest, origin `direct_grant`, Location: /api/v1/access-requests/{id}) that a second, different admin confirms (POST /api/v1/access-requests/{id}/decision). A toxic combination in block mode is refused (409, naming the tools).",
  permission: "grants:manage",
  body: ZCreateGrantInput,
  errors: ["validation_failed", "conflict"],
  response: { status: 201, description: "The grant (202 instead: the pending access request, see the description)", schema: ZGrant },
});

export const getGrantContract = defineContract({
  operationId: "getGrant",
  method: "GET",
  path: "/api/v1/grants/{id}",
  tag: "Grants",
  summary: "One grant",
  permission: "identities:read",
  params: grantId,
  errors: ["not_found"],
  response: { status: 200, description: "The grant", schema: ZGrant },
});

export const revokeGrantContract = defineContract({
  operationId: "revokeGrant",
  method: "POST",
  path: "/api/v1/grants/{id}/revoke",
  tag: "Grants",
  summary: "Revoke a grant with a reason (admins, and owners of the agent or the server)",
  permission: "identities:register",
  params: grantId,
  body: ZRevokeGrantInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The revoked grant", schema: ZGrant },
});

export const effectiveAccessContract = defineContract({
  operationId: "getEffectiveAccess",
  method: "GET",
  path: "/api/v1/effective-access",
  tag: "Grants",
  summary: "Which agents can call which tools now, e.g. ?serverId=…&tier=irreversible",
  permission: "identities:read",
  query: ZEffectiveAccessQuery,
  response: { status: 200, description: "Effective access rows", schema: z.object({ items: z.array(ZEffectiveAccess), truncated: z.boolean() }) },
});

export const listExchangePoliciesContract = defineContract({
  operationId: "listExchangePolicies",
  method: "GET",
  path: "/api/v1/exchange-policies",
  tag: "Exchange policies",
  summary: "Which servers may exchange agent tokens for which downstream resources",
  permission: "identities:read",
  query: ZListExchangePoliciesQuery,
  response: { status: 200, description: "Policies", schema: z.object({ items: z.array(ZExchangePolicy) }) },
});

export const createExchangePolicyContract = defineContract({
  operationId: "createExchangePolicy",
  method: "POST",
  path: "/api/v1/exchange-policies",
  tag: "Exchange policies",
  summary: "Allow a server to exchange agent tokens (RFC 8693) for a downstream resource (admins)",
  permission: "grants:manage",
  body: ZCreateExchangePolicyInput,
  errors: ["validation_failed", "conflict"],
  response: { status: 201, description: "The policy", schema: ZExchangePolicy },
});

export const revokeExchangePolicyContract = defineContract({
  operationId: "revokeExchangePolicy",
  method: "POST",
  path: "/api/v1/exchange-policies/{id}/revoke",
  tag: "Exchange policies",
  summary: "Revoke an exchange policy (admins)",
  permission: "grants:manage",
  params: z.object({ id: z.string().regex(/^xpl_[0-9a-z]{26}$/, "not an exchange policy id (xpl_…)") }),
  body: ZRevokeExchangePolicyInput,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The revoked policy", schema: ZExchangePolicy },
});
