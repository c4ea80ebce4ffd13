// Contracts: API tokens for automation.
import { defineContract } from "@/lib/api/contract";
import { idParam } from "@/lib/api/contracts/common";
import { ZApiToken, ZCreateApiTokenInput, ZCreatedApiToken, ZListApiTokensQuery } from "@/lib/api-tokens/schemas";
import { zPage } from "@/lib/pagination";

export const listApiTokensContract = defineContract({
  operationId: "listApiTokens",
  method: "GET",
  path: "/api/v1/api-tokens",
  tag: "API tokens",
  summary: "List your API tokens (or everyone's, with api-tokens:manage-all)",
  permission: "api-tokens:manage-own",
  query: ZListApiTokensQuery,
  response: { status: 200, description: "A page of tokens (never their secrets)", schema: zPage(ZApiToken) },
});

export const createApiTokenContract = defineContract({
  operationId: "createApiToken",
  method: "POST",
  path: "/api/v1/api-tokens",
  tag: "API tokens",
  summary: "Create an API token that acts for you; the secret is returned once",
  description: "The token's role cannot exceed yours; scopes narrow it further. API tokens cannot create tokens.",
  permission: "api-tokens:manage-own",
  body: ZCreateApiTokenInput,
  errors: ["validation_failed"],
  response: { status: 201, description: "The token and its secret", schema: ZCreatedApiToken },
});

export const revokeApiTokenContract = defineContract({
  operationId: "revokeApiToken",
  method: "POST",
  path: "/api/v1/api-tokens/{id}/revoke",
  tag: "API tokens",
  summary: "Revoke an API token",
  permission: "api-tokens:manage-own",
  params: idParam("tok", "API token"),
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The revoked token", schema: ZApiToken },
});
