// Contracts: toxic-combination policies, their findings, lifting a block-mode
// suspension, and an agent's capability summary.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { zPage } from "@/lib/pagination";
import {
  ZAcceptFindingInput,
  ZAgentCapabilities,
  ZCreateToxicPolicyInput,
  ZLiftedSuspension,
  ZLiftSuspensionInput,
  ZListToxicFindingsQuery,
  ZSuspendedGrantId,
  ZToxicFinding,
  ZToxicFindingId,
  ZToxicPolicy,
  ZToxicPolicyChange,
  ZToxicPolicyId,
  ZUpdateToxicPolicyInput,
} from "@/lib/toxic/schemas";

const TAG = "Toxic combinations";

export const listToxicPoliciesContract = defineContract({
  operationId: "listToxicPolicies",
  method: "GET",
  path: "/api/v1/toxic-policies",
  tag: TAG,
  summary: "Toxic-combination policies: capability tags no agent may hold together, and what happens when one does",
  permission: "identities:read",
  response: { status: 200, description: "Every policy, with its open findings", schema: z.object({ items: z.array(ZToxicPolicy) }) },
});

export const createToxicPolicyContract = defineContract({
  operationId: "createToxicPolicy",
  method: "POST",
  path: "/api/v1/toxic-policies",
  tag: TAG,
  summary: "Create a toxic-combination policy (admins); agents already holding it are flagged at once",
  description: "Tags must be 2–10 existing capability tags (unknown ones are refused by name). In block mode the grants that give an agent the combination are suspended.",
  permission: "grants:manage",
  body: ZCreateToxicPolicyInput,
  errors: ["validation_failed"],
  response: { status: 201, description: "The policy and the agents it flagged", schema: ZToxicPolicyChange },
});

export const getToxicPolicyContract = defineContract({
  operationId: "getToxicPolicy",
  method: "GET",
  path: "/api/v1/toxic-policies/{id}",
  tag: TAG,
  summary: "One toxic-combination policy",
  permission: "identities:read",
  params: ZToxicPolicyId,
  errors: ["not_found"],
  response: { status: 200, description: "The policy", schema: ZToxicPolicy },
});

export const updateToxicPolicyContract = defineContract({
  operationId: "updateToxicPolicy",
  method: "PATCH",
  path: "/api/v1/toxic-policies/{id}",
  tag: TAG,
  summary: "Change a toxic-combination policy's name, description, tags or mode, or enable / disable it (admins)",
  description: "Every agent the policy concerned before or concerns now is re-evaluated: findings open or resolve, and block mode suspends offending grants.",
  permission: "grants:manage",
  params: ZToxicPolicyId,
  body: ZUpdateToxicPolicyInput,
  errors: ["not_found", "validation_failed"],
  response: { status: 200, description: "The policy and the agents it flagged", schema: ZToxicPolicyChange },
});

export const deleteToxicPolicyContract = defineContract({
  operationId: "deleteToxicPolicy",
  method: "DELETE",
  path: "/api/v1/toxic-policies/{id}",
  tag: TAG,
  summary: "Delete a toxic-combination policy and its findings (admins); grants it suspended stay suspended until lifted",
  permission: "grants:manage",
  params: ZToxicPolicyId,
  errors: ["not_found"],
  response: { status: 200, description: "The deleted policy", schema: ZToxicPolicy },
});

export const listToxicFindingsContract = defineContract({
  operationId: "listToxicFindings",
  method: "GET",
  path: "/api/v1/toxic-policies/findings",
  tag: TAG,
  summary: "Agents holding toxic combinations: findings by status (default open), agent or policy, newest first",
  permission: "identities:read",
  query: ZListToxicFindingsQuery,
  response: { status: 200, description: "A page of findings", schema: zPage(ZToxicFinding) },
});

export const acceptToxicFindingContract = defineContract({
  operationId: "acceptToxicFinding",
  method: "POST",
  path: "/api/v1/toxic-policies/findings/{id}/accept",
  tag: TAG,
  summary: "Accept a warn or require-approval finding with a justification (admins); block-mode findings cannot be accepted",
  permission: "grants:manage",
  params: ZToxicFindingId,
  body: ZAcceptFindingInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The accepted finding", schema: ZToxicFinding },
});

export const liftGrantSuspensionContract = defineContract({
  operationId: "liftGrantSuspension",
  method: "POST",
  path: "/api/v1/toxic-policies/suspensions/{grantId}/lift",
  tag: TAG,
  summary: "Lift a block-mode suspension of a grant after review (admins)",
  description: "Refused (409) while the agent would again hold a combination an enabled block-mode policy forbids: revoke part of the access or change the policy first.",
  permission: "grants:manage",
  params: ZSuspendedGrantId,
  body: ZLiftSuspensionInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The grant, no longer suspended", schema: ZLiftedSuspension },
});

export const getAgentCapabilitiesContract = defineContract({
  operationId: "getAgentCapabilities",
  method: "GET",
  path: "/api/v1/agents/{id}/capabilities",
  tag: TAG,
  summary: "An agent's capability summary: the tags it holds through which tools and grants, and its toxic-combination findings",
  permission: "identities:read",
  params: z.object({ id: z.string().regex(/^agt_[0-9a-z]{26}$/, "not an agent id (agt_…)") }),
  errors: ["not_found"],
  response: { status: 200, description: "The summary", schema: ZAgentCapabilities },
});
