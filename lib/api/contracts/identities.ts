// Contracts: the NHI registry. Each kind has register/list/get/update under its
// own path (/api/v1/servers, /agents, /resources, /gateways); lifecycle and
// ownership operations work on any identity under /api/v1/identities/{id}.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { IDENTITY_ID_PATTERN, KIND_INFO, type IdentityKind } from "@/lib/identities/kinds";
import {
  REGISTER_SCHEMAS,
  UPDATE_SCHEMAS,
  ZIdentity,
  ZListIdentitiesQuery,
  ZOptionalReasonInput,
  ZReassignInput,
  ZStatusChangeInput,
  ZTransferInput,
} from "@/lib/identities/schemas";
import { zPage } from "@/lib/pagination";

const kindIdParam = (kind: IdentityKind) => z.object({ id: z.string().regex(new RegExp(`^${KIND_INFO[kind].prefix}_[0-9a-z]{26}$`), `not a ${KIND_INFO[kind].label.toLowerCase()} id (${KIND_INFO[kind].prefix}_…)`) });
const identityIdParam = z.object({ id: z.string().regex(IDENTITY_ID_PATTERN, "not an identity id (srv_, agt_, res_ or gwy_…)") });
const capital = (text: string) => text[0]!.toUpperCase() + text.slice(1);
const ZKindQuery = ZListIdentitiesQuery.omit({ kind: true });

// The body schemas are passed in (not looked up by kind) so each contract keeps
// its concrete zod type, which types the route handler's `body`.
function kindContracts<RB extends z.ZodType, UB extends z.ZodType>(kind: IdentityKind, registerBody: RB, updateBody: UB) {
  const { plural, label } = KIND_INFO[kind];
  const tag = KIND_INFO[kind].labelPlural;
  const Plural = capital(plural);
  const Kind = capital(kind);
  return {
    list: defineContract({
      operationId: `list${Plural}`,
      method: "GET",
      path: `/api/v1/${plural}`,
      tag,
      summary: `List ${KIND_INFO[kind].labelPlural.toLowerCase()} with search, filters, sorting and cursor pagination`,
      permission: "identities:read",
      query: ZKindQuery,
      response: { status: 200, description: `A page of ${plural}`, schema: zPage(ZIdentity) },
    }),
    register: defineContract({
      operationId: `register${Kind}`,
      method: "POST",
      path: `/api/v1/${plural}`,
      tag,
      summary: `Register ${kind === "agent" ? "an" : "a"} ${label.toLowerCase()} with an accountable owner`,
      description: "Pending until an admin approves it, unless it is for the development environment and auto-approval is on. Owners register identities they own; admins may name any active owner and set the risk tier.",
      permission: "identities:register",
      body: registerBody,
      errors: ["conflict", "validation_failed"],
      response: { status: 201, description: `The registered ${label.toLowerCase()}`, schema: ZIdentity },
    }),
    get: defineContract({
      operationId: `get${Kind}`,
      method: "GET",
      path: `/api/v1/${plural}/{id}`,
      tag,
      summary: `Get one ${label.toLowerCase()}`,
      permission: "identities:read",
      params: kindIdParam(kind),
      errors: ["not_found"],
      response: { status: 200, description: `The ${label.toLowerCase()}`, schema: ZIdentity },
    }),
    update: defineContract({
      operationId: `update${Kind}`,
      method: "PATCH",
      path: `/api/v1/${plural}/{id}`,
      tag,
      summary: `Change ${kind === "agent" ? "an" : "a"} ${label.toLowerCase()}'s registration (owners and admins; risk tier: admins)`,
      permission: "identities:register",
      params: kindIdParam(kind),
      body: updateBody,
      errors: ["not_found", "conflict", "validation_failed"],
      response: { status: 200, description: `The updated ${label.toLowerCase()}`, schema: ZIdentity },
    }),
  };
}

export const { list: listServersContract, register: registerServerContract, get: getServerContract, update: updateServerContract } = kindContracts("server", REGISTER_SCHEMAS.server, UPDATE_SCHEMAS.server);
export const { list: listAgentsContract, register: registerAgentContract, get: getAgentContract, update: updateAgentContract } = kindContracts("agent", REGISTER_SCHEMAS.agent, UPDATE_SCHEMAS.agent);
export const { list: listResourcesContract, register: registerResourceContract, get: getResourceContract, update: updateResourceContract } = kindContracts("resource", REGISTER_SCHEMAS.resource, UPDATE_SCHEMAS.resource);
export const { list: listGatewaysContract, register: registerGatewayContract, get: getGatewayContract, update: updateGatewayContract } = kindContracts("gateway", REGISTER_SCHEMAS.gateway, UPDATE_SCHEMAS.gateway);

const TAG = "Identities";

export const listIdentitiesContract = defineContract({
  operationId: "listIdentities",
  method: "GET",
  path: "/api/v1/identities",
  tag: TAG,
  summary: "List identities of every kind (e.g. orphans: ?orphaned=true; yours: ?mine=true)",
  permission: "identities:read",
  query: ZListIdentitiesQuery,
  response: { status: 200, description: "A page of identities", schema: zPage(ZIdentity) },
});

const lifecycle = (operationId: string, action: string, summary: string, permission: "identities:register" | "identities:approve", body: z.ZodType) =>
  defineContract({
    operationId,
    method: "POST",
    path: `/api/v1/identities/{id}/${action}`,
    tag: TAG,
    summary,
    permission,
    params: identityIdParam,
    body,
    errors: ["not_found", "conflict", "validation_failed"],
    response: { status: 200, description: "The identity after the change", schema: ZIdentity },
  });

export const approveIdentityContract = lifecycle("approveIdentity", "approve", "Approve a pending identity (admins)", "identities:approve", ZOptionalReasonInput);
export const suspendIdentityContract = lifecycle("suspendIdentity", "suspend", "Suspend an active identity at once (owners and admins; reversible by an admin)", "identities:register", ZStatusChangeInput);
export const resumeIdentityContract = lifecycle("resumeIdentity", "resume", "Resume a suspended identity (admins)", "identities:approve", ZOptionalReasonInput);
export const revokeIdentityContract = lifecycle("revokeIdentity", "revoke", "Revoke an identity for ever, with its keys (owners and admins)", "identities:register", ZStatusChangeInput);
export const transferIdentityContract = lifecycle("transferIdentity", "transfer", "Transfer an identity to a new owner (current owners and admins)", "identities:register", ZTransferInput);

export const reassignIdentitiesContract = defineContract({
  operationId: "reassignIdentities",
  method: "POST",
  path: "/api/v1/identities/reassign",
  tag: TAG,
  summary: "Reassign identities in bulk to a new owner, e.g. every identity of a deactivated user (admins)",
  permission: "identities:manage-any",
  body: ZReassignInput,
  errors: ["validation_failed", "conflict"],
  response: { status: 200, description: "How many identities moved", schema: z.object({ reassigned: z.number().int(), identityIds: z.array(z.string()) }) },
});
