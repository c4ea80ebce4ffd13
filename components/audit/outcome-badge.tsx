// Audit outcome pill: success green, failure red, denied amber.
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<string, BadgeTone> = { success: "success", failure: "danger", denied: "warning" };

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={TONES[outcome] ?? "neutral"}>{outcome}</Badge>;
}
