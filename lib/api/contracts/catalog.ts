// Contracts: the per-tool scope catalog of MCP servers.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import { ZCatalogVersion, ZCreateProposalInput, ZDiscoverInput, ZProposal, ZReviewInput, ZTool } from "@/lib/catalog/schemas";
import { ZReason } from "@/lib/identities/schemas";

const TAG = "Tool catalog";
const server = z.object({ id: z.string().regex(/^srv_[0-9a-z]{26}$/, "not a server id (srv_…)") });
const proposal = server.extend({ proposalId: z.string().regex(/^cpr_[0-9a-z]{26}$/, "not a proposal id (cpr_…)") });
const tool = server.extend({ toolId: z.string().regex(/^tool_[0-9a-z]{26}$/, "not a tool id (tool_…)") });
const ZAppliedProposal = ZProposal.extend({ version: z.number().int().nullable().describe("The catalog version the change became; null when nothing changed") });

export const listToolsContract = defineContract({
  operationId: "listTools",
  method: "GET",
  path: "/api/v1/servers/{id}/tools",
  tag: TAG,
  summary: "A server's tool catalog: each tool's scope, approved tier, status and drift",
  permission: "identities:read",
  params: server,
  query: z.object({ includeRemoved: z.enum(["true", "false"]).optional() }),
  errors: ["not_found"],
  response: { status: 200, description: "The tools and the current catalog version", schema: z.object({ items: z.array(ZTool), version: z.number().int() }) },
});

export const createProposalContract = defineContract({
  operationId: "createCatalogProposal",
  method: "POST",
  path: "/api/v1/servers/{id}/tools/proposals",
  tag: TAG,
  summary: "Propose catalog changes from manual entry (merged) or an uploaded tools/list result (complete list)",
  permission: "identities:register",
  params: server,
  body: ZCreateProposalInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 201, description: "The proposal with its diff against the catalog", schema: ZProposal },
});

export const discoverToolsContract = defineContract({
  operationId: "discoverTools",
  method: "POST",
  path: "/api/v1/servers/{id}/tools/discover",
  tag: TAG,
  summary: "Discover the server's tools live (MCP tools/list over Streamable HTTP) and propose them",
  description: "Connects to the server's registered resource URI. A bearer credential, when given, is used for this call only and never stored.",
  permission: "identities:register",
  params: server,
  body: ZDiscoverInput,
  errors: ["not_found", "conflict", "bad_gateway", "gateway_timeout"],
  response: { status: 201, description: "The proposal with its diff against the catalog", schema: ZProposal },
});

export const listProposalsContract = defineContract({
  operationId: "listCatalogProposals",
  method: "GET",
  path: "/api/v1/servers/{id}/tools/proposals",
  tag: TAG,
  summary: "Recent catalog proposals of a server (newest first)",
  permission: "identities:read",
  params: server,
  query: z.object({ status: z.enum(["open", "applied", "discarded"]).optional() }),
  errors: ["not_found"],
  response: { status: 200, description: "Proposals", schema: z.object({ items: z.array(ZProposal) }) },
});

export const getProposalContract = defineContract({
  operationId: "getCatalogProposal",
  method: "GET",
  path: "/api/v1/servers/{id}/tools/proposals/{proposalId}",
  tag: TAG,
  summary: "One catalog proposal",
  permission: "identities:read",
  params: proposal,
  errors: ["not_found"],
  response: { status: 200, description: "The proposal", schema: ZProposal },
});

export const applyProposalContract = defineContract({
  operationId: "applyCatalogProposal",
  method: "POST",
  path: "/api/v1/servers/{id}/tools/proposals/{proposalId}/apply",
  tag: TAG,
  summary: "Apply a reviewed proposal: new and drifted tools become unclassified (denied until approved)",
  permission: "identities:register",
  params: proposal,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The applied proposal", schema: ZAppliedProposal },
});

export const discardProposalContract = defineContract({
  operationId: "discardCatalogProposal",
  method: "POST",
  path: "/api/v1/servers/{id}/tools/proposals/{proposalId}/discard",
  tag: TAG,
  summary: "Discard a proposal",
  permission: "identities:register",
  params: proposal,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The discarded proposal", schema: ZProposal },
});

export const reviewToolsContract = defineContract({
  operationId: "reviewTools",
  method: "POST",
  path: "/api/v1/servers/{id}/tools/review",
  tag: TAG,
  summary: "Approve tools at a tier, or reclassify them (owners and admins)",
  permission: "identities:register",
  params: server,
  body: ZReviewInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The reviewed tools", schema: z.object({ tools: z.array(ZTool), version: z.number().int().nullable() }) },
});

const toolToggle = (operationId: string, action: "disable" | "enable", summary: string) =>
  defineContract({
    operationId,
    method: "POST",
    path: `/api/v1/servers/{id}/tools/{toolId}/${action}`,
    tag: TAG,
    summary,
    permission: "identities:register",
    params: tool,
    body: z.object({ reason: ZReason.optional() }).strict(),
    errors: ["not_found", "conflict"],
    response: { status: 200, description: "The tool", schema: ZTool },
  });

export const disableToolContract = toolToggle("disableTool", "disable", "Disable a tool: denied at once, whatever its tier");
export const enableToolContract = toolToggle("enableTool", "enable", "Enable a disabled tool (approved again only if unchanged since approval)");

export const listCatalogVersionsContract = defineContract({
  operationId: "listCatalogVersions",
  method: "GET",
  path: "/api/v1/servers/{id}/catalog/versions",
  tag: TAG,
  summary: "The catalog's history: each version's diff (added, removed, changed, reclassified)",
  permission: "identities:read",
  params: server,
  // a catalog version number: a 32-bit integer column (a larger one fails in PostgreSQL)
  query: z.object({ cursor: z.coerce.number().int().min(1).max(2_147_483_647).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) }),
  errors: ["not_found"],
  response: { status: 200, description: "Versions, newest first", schema: z.object({ items: z.array(ZCatalogVersion), nextCursor: z.string().nullable() }) },
});

export const getProtectedResourceMetadataContract = defineContract({
  operationId: "getProtectedResourceMetadata",
  method: "GET",
  path: "/api/v1/servers/{id}/protected-resource-metadata",
  tag: TAG,
  summary: "The RFC 9728 document the server should serve at /.well-known/oauth-protected-resource (also public at /identities/{id}/oauth-protected-resource)",
  permission: "identities:read",
  params: server,
  errors: ["not_found"],
  response: {
    status: 200,
    description: "Protected Resource Metadata",
    schema: z.object({
      resource: z.string(),
      authorization_servers: z.array(z.string()),
      scopes_supported: z.array(z.string()),
      bearer_methods_supported: z.array(z.string()),
      dpop_signing_alg_values_supported: z.array(z.string()),
      dpop_bound_access_tokens_required: z.boolean(),
      tls_client_certificate_bound_access_tokens: z.boolean(),
      resource_name: z.string(),
    }),
  },
});
