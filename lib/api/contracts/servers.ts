// Contracts: MCP server identities.
import { defineContract } from "@/lib/api/contract";
import { idParam } from "@/lib/api/contracts/common";
import { ZListServersQuery, ZRegisterServerInput, ZServer } from "@/lib/identities/servers/schemas";
import { zPage } from "@/lib/pagination";

export const listServersContract = defineContract({
  operationId: "listServers",
  method: "GET",
  path: "/api/v1/servers",
  tag: "Servers",
  summary: "List MCP servers (newest first) with search",
  permission: "identities:read",
  query: ZListServersQuery,
  response: { status: 200, description: "A page of servers", schema: zPage(ZServer) },
});

export const registerServerContract = defineContract({
  operationId: "registerServer",
  method: "POST",
  path: "/api/v1/servers",
  tag: "Servers",
  summary: "Register an MCP server with its RFC 8707 resource URI and an accountable owner",
  permission: "identities:register",
  body: ZRegisterServerInput,
  errors: ["validation_failed", "conflict"],
  response: { status: 201, description: "The registered server", schema: ZServer },
});

export const getServerContract = defineContract({
  operationId: "getServer",
  method: "GET",
  path: "/api/v1/servers/{id}",
  tag: "Servers",
  summary: "Get one MCP server",
  permission: "identities:read",
  params: idParam("srv", "server"),
  errors: ["not_found"],
  response: { status: 200, description: "The server", schema: ZServer },
});
