// Generates the OpenAPI 3.1 document from the endpoint contracts, using zod's
// own JSON Schema output (draft 2020-12, which OpenAPI 3.1 uses).
import { z } from "zod";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { ERROR_STATUS, ERROR_TITLES, type ErrorCode } from "@/lib/errors/codes";
import type { Contract } from "@/lib/api/contract";
import { CONTRACTS } from "@/lib/api/contracts";

type JsonSchema = Record<string, unknown>;

const COMMON_ERRORS: ErrorCode[] = ["unauthenticated", "forbidden", "internal"];

function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parameters(schema: z.ZodType | undefined, location: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = schemaOf(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || required.has(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function operation(contract: Contract): JsonSchema {
  const errors = contract.permission === "public" ? ["internal" as const] : [...new Set([...COMMON_ERRORS, ...(contract.body || contract.query || contract.params ? (["validation_failed"] as const) : []), ...(contract.errors ?? [])])];
  const responses: Record<string, JsonSchema> = {
    [String(contract.response.status)]: {
      description: contract.response.description,
      content: { "application/json": { schema: schemaOf(contract.response.schema, "output") } },
    },
  };
  for (const code of errors) {
    const status = String(ERROR_STATUS[code]);
    responses[status] ??= { description: ERROR_TITLES[code], content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
  }
  const access =
    contract.permission === "public"
      ? "No authentication."
      : contract.permission === "authenticated"
        ? "Any signed-in user or API token."
        : `Requires the \`${contract.permission}\` permission (${PERMISSIONS[contract.permission]}).`;
  return {
    operationId: contract.operationId,
    summary: contract.summary,
    description: [contract.description, access].filter(Boolean).join("\n\n"),
    tags: [contract.tag],
    "x-warden-permission": contract.permission,
    security: contract.permission === "public" ? [] : [{ apiToken: [] }, { sessionCookie: [] }],
    parameters: [...parameters(contract.params, "path"), ...parameters(contract.query, "query")],
    ...(contract.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(contract.body, "input") } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(contracts: Contract[] = CONTRACTS, serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const contract of contracts) {
    paths[contract.path] ??= {};
    paths[contract.path]![contract.method.toLowerCase()] = operation(contract);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Warden management API",
      version: "1",
      description: "Manage Warden's users, API tokens, MCP server identities and audit log. Errors are RFC 9457 problem+json.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    tags: [...new Set(contracts.map((contract) => contract.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiToken: { type: "http", scheme: "bearer", description: "An API token (wdn_…) from the console or `npm run warden -- api-token create`" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "warden.session", description: "The browser session; mutations also need a same-origin Origin header" },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail", "code", "requestId"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
            code: { type: "string", enum: Object.keys(ERROR_STATUS) },
            requestId: { type: "string" },
            errors: { type: "array", items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } } },
          },
        },
      },
    },
  };
}
