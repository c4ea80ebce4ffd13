// Fingerprints of reported tools (tiers live in lib/catalog/tiers.ts).
//
// The fingerprint covers what a reviewer approved — description, input schema
// and annotations — so any change to them is drift.
import crypto from "node:crypto";
import { canonicalJson } from "@/lib/audit/hash";

export { proposeTier, TOOL_TIERS, type Annotations, type ToolTier } from "@/lib/catalog/tiers";
import type { Annotations } from "@/lib/catalog/tiers";

export function schemaHash(inputSchema: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(inputSchema ?? {})).digest("hex");
}

/** Only the behaviour hints count; a display title inside annotations is not drift. */
export function behaviourHints(annotations: Annotations | null | undefined): Annotations | null {
  if (!annotations) return null;
  const { readOnlyHint, destructiveHint, idempotentHint, openWorldHint } = annotations;
  const hints = { readOnlyHint, destructiveHint, idempotentHint, openWorldHint };
  return Object.values(hints).some((value) => value !== undefined) ? hints : null;
}

export function fingerprint(tool: { description?: string | null; inputSchemaHash: string; annotations?: Annotations | null }): string {
  return crypto
    .createHash("sha256")
    .update(canonicalJson({ description: tool.description ?? null, inputSchemaHash: tool.inputSchemaHash, annotations: behaviourHints(tool.annotations) }))
    .digest("hex");
}

/** The OAuth scope of a tool: mcp:<server-slug>:<tool-name>, unique across Warden because slugs are. */
export function scopeFor(serverSlug: string, toolName: string): string {
  return `mcp:${serverSlug}:${toolName}`;
}
