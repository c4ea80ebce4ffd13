// What Warden accepts from a server's `tools/list`: each tool is checked field
// by field, so a malformed tool can be named precisely. Unknown fields (icons,
// outputSchema, _meta, …) are dropped; `null` for an optional field counts as
// absent, since some servers serialise missing values that way.
import { z } from "zod";
import { ZToolName } from "@/lib/catalog/tool-name";

export const TOOL_TITLE_MAX_LENGTH = 200;
export const TOOL_DESCRIPTION_MAX_LENGTH = 10_000;

export type ReportedTool = {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  annotations?: { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean; title?: string };
};

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);
const ZTitle = z.string().max(TOOL_TITLE_MAX_LENGTH, `Titles are at most ${TOOL_TITLE_MAX_LENGTH} characters`);

const ZAnnotations = z.object({
  title: optional(ZTitle),
  readOnlyHint: optional(z.boolean()),
  destructiveHint: optional(z.boolean()),
  idempotentHint: optional(z.boolean()),
  openWorldHint: optional(z.boolean()),
});

export const ZListedTool = z.object({
  name: ZToolName,
  title: optional(ZTitle),
  description: optional(z.string().max(TOOL_DESCRIPTION_MAX_LENGTH, `Descriptions are at most ${TOOL_DESCRIPTION_MAX_LENGTH} characters`)),
  inputSchema: z.record(z.string(), z.unknown(), "The input schema must be a JSON object"),
  annotations: optional(ZAnnotations),
});

// Rebuilds the tool without keys whose value is undefined, so callers can
// store and compare it as plain JSON.
function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function toReportedTool(parsed: z.output<typeof ZListedTool>): ReportedTool {
  const annotations = parsed.annotations ? withoutUndefined(parsed.annotations) : undefined;
  return withoutUndefined({ ...parsed, annotations: annotations && Object.keys(annotations).length > 0 ? annotations : undefined }) as ReportedTool;
}

/** The page envelope of a `tools/list` answer; the tools themselves are checked one by one. */
export const ZToolsPage = z.object({
  tools: z.array(z.unknown(), "The answer has no tools array"),
  nextCursor: optional(z.string("The cursor must be a string")),
});
