// Tier badges: green read, amber write, red irreversible; a dashed outline for a tier only proposed.
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { TIER_LABELS, TIER_TONES } from "@/components/catalog/tiers";
import type { ToolTier } from "@/lib/catalog/classify";

const OUTLINE: Record<ToolTier, string> = {
  read: "border-emerald-500 text-emerald-700",
  write: "border-amber-500 text-amber-800",
  irreversible: "border-red-500 text-red-700",
};

export function TierBadge({ tier }: { tier: ToolTier }) {
  return <Badge tone={TIER_TONES[tier]}>{TIER_LABELS[tier]}</Badge>;
}

/** What the annotations suggest, not yet approved: "proposed: irreversible". */
export function ProposedTierBadge({ tier }: { tier: ToolTier }) {
  return (
    <span className={cx("inline-flex items-center whitespace-nowrap rounded-md border border-dashed bg-white px-1.5 py-0.5 text-xs font-medium", OUTLINE[tier])}>
      proposed: {tier}
    </span>
  );
}
