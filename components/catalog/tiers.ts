// Tool tiers for the console: labels and badge tones; the tiers and the rule come from lib/catalog/tiers.ts.
import type { BadgeTone } from "@/components/ui/badge";
import { proposeTier, TOOL_TIERS, type Annotations, type ToolTier } from "@/lib/catalog/tiers";

export const TIERS = TOOL_TIERS;

export const TIER_LABELS: Record<ToolTier, string> = { read: "Read", write: "Write", irreversible: "Irreversible" };
export const TIER_TONES: Record<ToolTier, BadgeTone> = { read: "success", write: "warning", irreversible: "danger" };

export const isTier = (value: string | null | undefined): value is ToolTier => (TIERS as readonly string[]).includes(value ?? "");

export type Hints = Annotations;

/** The tier the hints suggest (the server's own rule). */
export const proposedTierOf = proposeTier;
