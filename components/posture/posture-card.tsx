// One posture card: the number (or share), what it counts, coloured by how
// urgent it is when non-zero, and a link to the list behind it.
import Link from "next/link";
import { cx } from "@/components/ui/cx";
import type { Severity, TPostureCard } from "@/lib/posture/schemas";

const TONE: Record<Severity, { border: string; value: string; label: string }> = {
  ok: { border: "border-l-emerald-500", value: "text-slate-900", label: "OK" },
  info: { border: "border-l-indigo-500", value: "text-indigo-700", label: "For review" },
  warning: { border: "border-l-amber-500", value: "text-amber-700", label: "Needs attention" },
  critical: { border: "border-l-red-600", value: "text-red-700", label: "Urgent" },
};

/** "92%" of a share, or "—" when there is nothing to take a share of. */
export function shareText(value: number, total: number): string {
  if (total === 0) return "—";
  const percent = (value / total) * 100;
  // never round a shortfall up to 100%, nor a sliver up from 0%
  const shown = value < total ? Math.min(99, Math.floor(percent)) : 100;
  return `${value > 0 && shown === 0 ? "<1" : shown}%`;
}

export function PostureCard({ card }: { card: TPostureCard }) {
  const tone = TONE[card.severity];
  const main = card.total === null ? card.value.toLocaleString("en") : shareText(card.value, card.total);
  const sub = card.total === null ? null : card.total === 0 ? "nothing counted yet" : `${card.value.toLocaleString("en")} of ${card.total.toLocaleString("en")}`;
  return (
    <Link
      href={card.href}
      data-testid={`posture-card-${card.id}`}
      data-severity={card.severity}
      className={cx(
        "flex h-full flex-col gap-1 rounded-lg border border-l-4 border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
        tone.border,
      )}
    >
      <span className="text-sm font-medium text-slate-700">{card.title}</span>
      <span className="flex items-baseline gap-2">
        <span className={cx("text-2xl font-semibold tabular-nums", card.severity === "ok" ? "text-slate-900" : tone.value)} data-testid="posture-card-value">
          {main}
        </span>
        {sub ? <span className="text-xs text-slate-500">{sub}</span> : null}
      </span>
      <span className="text-xs text-slate-500">{card.description}</span>
      <span className={cx("mt-auto pt-1 text-xs font-medium", card.severity === "ok" ? "text-emerald-700" : tone.value)}>{tone.label}</span>
    </Link>
  );
}
