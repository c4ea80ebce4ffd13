// Catalog inputs (reported tools, proposals, reviews) and public views.
import { z } from "zod";
import { TOOL_TIERS } from "@/lib/catalog/classify";
import { ZToolName } from "@/lib/catalog/tool-name";

export const ZAnnotations = z
  .object({
    title: z.string().max(200).optional(),
    readOnlyHint: z.boolean().optional(),
    destructiveHint: z.boolean().optional(),
    idempotentHint: z.boolean().optional(),
    openWorldHint: z.boolean().optional(),
  })
  .passthrough();

/** A tool as an MCP server reports it in tools/list (extra fields are ignored). */
export const ZReportedTool = z
  .object({
    name: ZToolName,
    title: z.string().max(200).optional(),
    description: z.string().max(10_000, "At most 10,000 characters").optional(),
    inputSchema: z.record(z.string(), z.unknown()).default({ type: "object" }),
    annotations: ZAnnotations.optional(),
  })
  .passthrough();
export type TReportedTool = z.output<typeof ZReportedTool>;

const noDuplicateNames = (tools: { name: string }[], ctx: z.RefinementCtx) => {
  const seen = new Map<string, number>();
  tools.forEach((tool, index) => {
    const first = seen.get(tool.name);
    if (first !== undefined) ctx.addIssue({ code: "custom", path: [index, "name"], message: `duplicates tool ${first} (${tool.name})` });
    else seen.set(tool.name, index);
  });
};

export const ZReportedTools = z.array(ZReportedTool).max(1000, "At most 1000 tools").superRefine(noDuplicateNames);

/** What an upload may contain: a tools/list result ({ tools: [...] }), a JSON-RPC response with that result, or a bare array. */
export const ZToolsUpload = z.union([
  z.object({ tools: ZReportedTools }).passthrough(),
  z.object({ jsonrpc: z.literal("2.0"), result: z.object({ tools: ZReportedTools }).passthrough() }).passthrough(),
  ZReportedTools,
]);

export function toolsOfUpload(upload: z.output<typeof ZToolsUpload>): TReportedTool[] {
  if (Array.isArray(upload)) return upload;
  if ("result" in upload && upload.result && typeof upload.result === "object") return (upload.result as { tools: TReportedTool[] }).tools;
  return (upload as { tools: TReportedTool[] }).tools;
}

export const ZCreateProposalInput = z.discriminatedUnion("source", [
  z.object({ source: z.literal("manual"), tools: ZReportedTools.min(1, "Add at least one tool") }).strict(),
  z.object({ source: z.literal("upload"), document: z.unknown().describe("A tools/list result, as JSON") }).strict(),
]);

// Discovery always targets the server's registered resource URI: letting the
// caller choose a URL would let anyone who owns a server make Warden connect to
// arbitrary hosts.
export const ZDiscoverInput = z
  .object({
    bearer: z.string().min(1).max(4096).optional().describe("A credential for this discovery only; never stored or logged"),
  })
  .strict();

export const ZReviewInput = z
  .object({
    decisions: z
      .array(z.object({ toolId: z.string().regex(/^tool_[0-9a-z]{26}$/, "not a tool id"), tier: z.enum(TOOL_TIERS) }).strict())
      .min(1)
      .max(1000),
  })
  .strict();

export const ZToolChange = z.object({ name: z.string(), fields: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })) });
export const ZCatalogDiff = z.object({
  added: z.array(z.object({ name: z.string(), proposedTier: z.enum(TOOL_TIERS) })),
  removed: z.array(z.object({ name: z.string() })),
  changed: z.array(ZToolChange.extend({ drift: z.boolean().describe("An approved tool changed and needs review again") })),
  reclassified: z.array(z.object({ name: z.string(), from: z.object({ status: z.string(), tier: z.string().nullable() }), to: z.object({ status: z.string(), tier: z.string().nullable() }) })),
  unchanged: z.number().int(),
});
export type TCatalogDiff = z.infer<typeof ZCatalogDiff>;

export const ZTool = z.object({
  id: z.string(),
  serverId: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  inputSchema: z.record(z.string(), z.unknown()),
  inputSchemaHash: z.string(),
  annotations: z.record(z.string(), z.unknown()).nullable(),
  proposedTier: z.enum(TOOL_TIERS),
  tier: z.enum(TOOL_TIERS).nullable(),
  status: z.enum(["unclassified", "approved", "disabled"]),
  scope: z.string(),
  approvedById: z.string().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  driftedAt: z.iso.datetime().nullable(),
  removedAt: z.iso.datetime().nullable(),
  drift: z
    .object({ fields: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })) })
    .nullable()
    .describe("What changed since approval, while the tool is drifted"),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TTool = z.infer<typeof ZTool>;

export const ZProposal = z.object({
  id: z.string(),
  serverId: z.string(),
  source: z.enum(["manual", "upload", "discovery"]),
  mode: z.enum(["merge", "replace"]),
  status: z.enum(["open", "applied", "discarded"]),
  baseVersion: z.number().int(),
  diff: ZCatalogDiff,
  tools: z.array(z.object({ name: z.string(), title: z.string().nullable(), description: z.string().nullable(), proposedTier: z.enum(TOOL_TIERS) })),
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  discovery: z.object({ server: z.object({ name: z.string(), version: z.string() }), protocolVersion: z.string().nullable(), pages: z.number().int() }).nullable().optional(),
});
export type TProposal = z.infer<typeof ZProposal>;

export const ZCatalogVersion = z.object({
  id: z.string(),
  version: z.number().int(),
  source: z.string(),
  diff: ZCatalogDiff,
  proposalId: z.string().nullable(),
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
