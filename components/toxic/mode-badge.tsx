// A toxic-combination policy's mode as a badge: block (danger), require approval (warning), warn (info).
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ToxicMode } from "@/lib/toxic/check";

export const MODE_LABELS: Record<ToxicMode, string> = { block: "Block", require_approval: "Require approval", warn: "Warn" };
const TONES: Record<ToxicMode, BadgeTone> = { block: "danger", require_approval: "warning", warn: "info" };

export function ModeBadge({ mode }: { mode: ToxicMode }) {
  return <Badge tone={TONES[mode]}>{MODE_LABELS[mode]}</Badge>;
}
