// Tool tiers and the tier MCP annotations suggest. Pure (no Node modules), so
// the console and the server share one copy of the rule. Annotations are
// untrusted hints, read pessimistically: no annotations → irreversible;
// readOnlyHint: true → read; destructiveHint: false → write; otherwise
// irreversible. An owner approves the real tier.
export const TOOL_TIERS = ["read", "write", "irreversible"] as const;
export type ToolTier = (typeof TOOL_TIERS)[number];

export type Annotations = { readOnlyHint?: boolean; destructiveHint?: boolean; idempotentHint?: boolean; openWorldHint?: boolean; title?: string };

export function proposeTier(annotations: Annotations | null | undefined): ToolTier {
  if (!annotations) return "irreversible";
  if (annotations.readOnlyHint === true) return "read";
  if (annotations.destructiveHint === false) return "write";
  return "irreversible";
}
