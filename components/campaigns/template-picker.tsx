"use client";
// Template picker for a new campaign: a built-in template fills the whole form (due
// `durationDays` after its start), or start blank. Anything can still be changed before saving.
import { RECURRENCE_LABELS, TYPE_LABELS } from "@/components/campaigns/campaign-labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { CAMPAIGN_TEMPLATES, type CampaignTemplate } from "@/lib/campaigns/templates";

function Choice({ title, summary, facts, selected, onPick }: { title: string; summary: string; facts: string; selected: boolean; onPick: () => void }) {
  return (
    <li className={cx("flex flex-col gap-2 rounded-md border p-3", selected ? "border-indigo-400 bg-indigo-50/60" : "border-slate-200")}>
      <div className="flex items-start justify-between gap-2">
        <p className="text-sm font-semibold text-slate-900">{title}</p>
        {selected ? <Badge tone="info">Selected</Badge> : null}
      </div>
      <p className="text-sm text-slate-600">{summary}</p>
      <p className="text-xs text-slate-500">{facts}</p>
      <div className="mt-auto">
        <Button size="sm" variant={selected ? "primary" : "secondary"} aria-pressed={selected} aria-label={`Use ${title}`} onClick={onPick}>
          {selected ? "In use" : "Use"}
        </Button>
      </div>
    </li>
  );
}

const facts = (template: CampaignTemplate) =>
  [TYPE_LABELS[template.definition.type], `due ${template.durationDays} days after the start`, template.definition.recurrence ? RECURRENCE_LABELS[template.definition.recurrence].toLowerCase() : "once"].join(" · ");

export function TemplatePicker({ selected, onPick }: { selected: string | null; onPick: (template: CampaignTemplate | null) => void }) {
  return (
    <Card title="Start from a template" description="A template fills the form below, replacing what it holds; you can change anything before saving.">
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Campaign templates">
        <Choice title="Blank campaign" summary="Define everything yourself." facts="Grants by default" selected={selected === null} onPick={() => onPick(null)} />
        {CAMPAIGN_TEMPLATES.map((template) => (
          <Choice key={template.key} title={template.title} summary={template.summary} facts={facts(template)} selected={selected === template.key} onPick={() => onPick(template)} />
        ))}
      </ul>
    </Card>
  );
}
