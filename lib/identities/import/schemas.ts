// Importing MCP servers from MCP Registry documents: the server.json schema
// (official schema 2025-12-11, the fields Warden reads; unknown fields such as
// $schema and _meta pass through), the request body, and the plan/result shape
// that preview and import both answer with.
import { z } from "zod";
import { ENVIRONMENTS, IDENTITY_STATUSES, SERVER_TRANSPORTS } from "@/lib/identities/kinds";
import { REGISTER_SCHEMAS, ZRegistryName } from "@/lib/identities/schemas";

const https = (label: string) => z.url({ protocol: /^https$/, error: `${label} must be an https URL` }).max(500, "At most 500 characters");

export const ZServerJsonRemote = z.looseObject({
  type: z.enum(["streamable-http", "sse"], { error: 'Use "streamable-http" or "sse"' }),
  url: z.string({ error: "The remote's URL is required" }).trim().min(1, "The remote's URL is required").max(2048, "At most 2048 characters"),
  headers: z.array(z.looseObject({ name: z.string({ error: "Each header needs a name" }).min(1, "Each header needs a name") })).optional(),
  variables: z.record(z.string(), z.looseObject({})).optional(),
});

export const ZServerJsonPackage = z.looseObject({
  registryType: z.string({ error: "registryType is required (npm, pypi, oci, nuget, mcpb)" }).min(1, "registryType is required"),
  identifier: z.string({ error: "identifier is required" }).min(1, "identifier is required"),
  transport: z.looseObject({ type: z.enum(["stdio", "streamable-http", "sse"], { error: 'Use "stdio", "streamable-http" or "sse"' }) }, { error: "transport is required" }),
});

export const ZServerJson = z.looseObject(
  {
    name: z
      .string({ error: "name is required" })
      .min(3, "At least 3 characters")
      .max(200, "At most 200 characters")
      .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/, "Use the MCP Registry form namespace/name, e.g. io.github.acme/weather"),
    description: z.string({ error: "description is required" }).min(1, "description is required").max(100, "At most 100 characters"),
    version: z.string({ error: "version is required" }).min(1, "version is required").max(255, "At most 255 characters"),
    title: z.string().min(1, "title must not be empty").max(100, "At most 100 characters").optional(),
    websiteUrl: https("websiteUrl").optional(),
    repository: z
      .looseObject({
        url: https("The repository URL"),
        source: z.string({ error: "source is required, e.g. github" }).min(1, "source is required, e.g. github"),
        id: z.string().optional(),
        subfolder: z.string().optional(),
      })
      .optional(),
    remotes: z.array(ZServerJsonRemote).optional(),
    packages: z.array(ZServerJsonPackage).optional(),
  },
  { error: "Each document must be a server.json object" },
);
export type TServerJson = z.infer<typeof ZServerJson>;

const register = REGISTER_SCHEMAS.server.shape;

export const ZImportServersInput = z
  .object({
    documents: z
      .unknown()
      .refine((value) => value !== undefined, "Give the server.json documents")
      .describe("One server.json object, an array of them, or an MCP Registry list response {servers: [{server, _meta}]}"),
    ownerId: register.ownerId.describe("Owner of the servers this import creates (non-admins: themselves)"),
    backupOwnerId: register.backupOwnerId,
    environment: z.enum(ENVIRONMENTS).default("development").describe("Environment of the servers this import creates"),
    owners: z.record(ZRegistryName, register.ownerId).optional().describe("Per-document owner of new servers, by registry name (overrides ownerId)"),
    tags: register.tags.describe("Tags for the servers this import creates"),
  })
  .strict();
export type TImportServersInput = z.input<typeof ZImportServersInput>;

export const IMPORT_ACTIONS = ["create", "update", "unchanged", "invalid"] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

const ZChange = z.object({ from: z.unknown(), to: z.unknown() });

export const ZImportReport = z.object({
  index: z.number().int().describe("Position of the document in the upload, from 0"),
  registryName: z.string().nullable().describe("The document's name, when it has a usable one"),
  name: z.string().nullable().describe("The display name in Warden: title, else the last segment of the name"),
  version: z.string().nullable(),
  action: z.enum(IMPORT_ACTIONS),
  identityId: z.string().nullable().describe("The existing server (update, unchanged) or the created one (after import)"),
  status: z.enum(IDENTITY_STATUSES).nullable().describe("New servers: the status they get (or got); existing ones: their status"),
  ownerId: z.string().nullable().describe("New servers: the owner they get"),
  resourceUri: z.string().nullable(),
  transport: z.enum(SERVER_TRANSPORTS).nullable(),
  changes: z.record(z.string(), ZChange).optional().describe("Updates: each changed field with its old and new value"),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe("Invalid documents: paths are relative to the document, e.g. remotes.0.url"),
});
export type TImportReport = z.infer<typeof ZImportReport>;

export const ZImportSummary = z.object({
  total: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.number().int(),
});
export type TImportSummary = z.infer<typeof ZImportSummary>;

export const ZImportPlan = z.object({ summary: ZImportSummary, documents: z.array(ZImportReport) });
export type TImportPlan = z.infer<typeof ZImportPlan>;
