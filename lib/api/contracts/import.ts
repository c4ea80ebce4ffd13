// Contracts: importing MCP servers from MCP Registry server.json documents.
// Preview answers with the plan and writes nothing; import applies it in one
// transaction, or refuses everything when any document is invalid.
import { defineContract } from "@/lib/api/contract";
import { ZImportPlan, ZImportServersInput } from "@/lib/identities/import/schemas";

const TAG = "MCP servers";
const SHAPES =
  "`documents` is one server.json document (MCP Registry schema 2025-12-11), an array of them, or a registry API list response `{servers: [{server, _meta}]}`. " +
  "Each document needs a remote with a concrete URL (the first streamable-http remote, else the first sse one), which becomes the resource URI; templates and stdio-only packages cannot be imported. " +
  "Existing servers are matched by registry name (`name`) and updated; owners, environment and tags apply to new servers. " +
  "More documents than the maxImportDocuments setting: 413 naming `documents`.";

export const previewServerImportContract = defineContract({
  operationId: "previewServerImport",
  method: "POST",
  path: "/api/v1/servers/import/preview",
  tag: TAG,
  summary: "Preview an import from MCP Registry documents: what each document would create, update or leave unchanged, and why invalid ones cannot be imported",
  description: `${SHAPES} Writes nothing; invalid documents are reported in the plan (200), not as an error.`,
  permission: "identities:register",
  body: ZImportServersInput,
  errors: ["validation_failed", "payload_too_large"],
  response: { status: 200, description: "The plan, document by document", schema: ZImportPlan },
});

export const importServersContract = defineContract({
  operationId: "importServers",
  method: "POST",
  path: "/api/v1/servers/import",
  tag: TAG,
  summary: "Import MCP servers from MCP Registry documents, all or nothing",
  description: `${SHAPES} When any document is invalid the answer is 422 with every problem as documents.<index>.<path>, and nothing is written.`,
  permission: "identities:register",
  body: ZImportServersInput,
  errors: ["validation_failed", "payload_too_large", "conflict"],
  response: { status: 201, description: "What was created, updated and left unchanged", schema: ZImportPlan },
});
