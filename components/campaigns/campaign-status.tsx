// Campaign and item status badges, and the progress bar used for decisions and generation.
import { ITEM_STATUS_LABELS, ITEM_STATUS_TONES, STATUS_LABELS, STATUS_TONES, type CampaignStatus, type ItemStatus } from "@/components/campaigns/campaign-labels";
import { Badge } from "@/components/ui/badge";

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export function ItemStatusBadge({ status }: { status: ItemStatus }) {
  return <Badge tone={ITEM_STATUS_TONES[status]}>{ITEM_STATUS_LABELS[status]}</Badge>;
}

/** A labelled bar: `label` is shown beside it, `caption` names it for screen readers. */
export function ProgressBar({ value, max, label, caption, wide = false }: { value: number; max: number; label: string; caption: string; wide?: boolean }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <span className="inline-flex items-center gap-2">
      <span role="progressbar" aria-label={caption} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={`${label} (${percent}%)`} className={`${wide ? "w-full min-w-48" : "w-20"} h-2 overflow-hidden rounded-full bg-slate-200`}>
        <span className="block h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
      </span>
      <span className="whitespace-nowrap text-xs tabular-nums text-slate-700">{label}</span>
    </span>
  );
}
