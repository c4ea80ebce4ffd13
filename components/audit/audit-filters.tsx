"use client";
// The explorer's filter panel. Selects apply at once; text fields apply after
// typing pauses. "More filters" holds the id-valued ones (tokens, requests,
// gateways, actors) that investigations start from but browsing rarely needs.
import { useEffect, useRef, useState } from "react";
import { IdentitySelect } from "@/components/grants/identity-select";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "@/lib/audit/actions";
import { EVENT_CLASS_LABELS, EVENT_CLASSES, actionsOfClass } from "@/lib/audit/event-classes";
import type { TAuditFilter } from "@/lib/audit/schemas";

const OUTCOME_LABELS: Record<(typeof AUDIT_OUTCOMES)[number], string> = { success: "Allowed / succeeded", denied: "Denied", failure: "Error / failed" };
const TIERS = [
  { value: "read", label: "Read" },
  { value: "write", label: "Write" },
  { value: "irreversible", label: "Irreversible" },
] as const;
const RANGES = [
  { value: "1h", label: "Last hour", ms: 3_600_000 },
  { value: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
] as const;

type TextKey = "tool" | "scope" | "q" | "jti" | "requestId" | "gateway" | "actor" | "identity";
const TEXT_FIELDS: { key: TextKey; label: string; placeholder?: string; mono?: boolean; more?: boolean }[] = [
  { key: "tool", label: "Tool", placeholder: "e.g. wire_money" },
  { key: "scope", label: "Scope", placeholder: "mcp:server:tool", mono: true },
  { key: "q", label: "Text", placeholder: "Words in names, reasons, comments" },
  { key: "jti", label: "Token (jti)", mono: true, more: true },
  { key: "requestId", label: "Request ID", mono: true, more: true },
  { key: "gateway", label: "Gateway ID", mono: true, more: true },
  { key: "actor", label: "Actor ID", placeholder: "usr_…, tok_… or an identity", mono: true, more: true },
  { key: "identity", label: "Identity in any role", mono: true, more: true },
];

/** The time `ms` ago, as ISO-8601 (called from event handlers only). */
const sinceAgo = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A datetime-local value ("2026-11-26T14:05") as ISO-8601, or undefined. */
function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function isoToLocal(value: string | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function AuditFilters({ filter, onChange }: { filter: TAuditFilter; onChange: (next: TAuditFilter) => void }) {
  const [typed, setTyped] = useState<Partial<Record<TextKey, string>>>(() => Object.fromEntries(TEXT_FIELDS.map(({ key }) => [key, filter[key] ?? ""])));
  const [more, setMore] = useState(() => TEXT_FIELDS.some((field) => field.more && filter[field.key]) || Boolean(filter.resource));
  const debounce = useRef<number | undefined>(undefined);
  const latest = useRef(filter);
  useEffect(() => {
    latest.current = filter;
  }, [filter]);

  // a text filter changed from outside (a chip removed, "clear", a link): show it in its box, leaving
  // the other boxes (perhaps mid-typing) alone
  const previous = useRef(filter);
  const applied = useRef<Partial<Record<TextKey, string | undefined>>>({});
  useEffect(() => {
    // a change this panel made itself (typing) is already in its box, perhaps with more typed since
    const changed = TEXT_FIELDS.filter(({ key }) => previous.current[key] !== filter[key] && applied.current[key] !== filter[key]);
    previous.current = filter;
    if (changed.length > 0) setTyped((current) => ({ ...current, ...Object.fromEntries(changed.map(({ key }) => [key, filter[key] ?? ""])) }));
  }, [filter]);
  useEffect(() => () => window.clearTimeout(debounce.current), []);

  const set = (changes: Partial<TAuditFilter>) => onChange({ ...latest.current, ...changes });

  function onText(key: TextKey, value: string) {
    setTyped((current) => ({ ...current, [key]: value }));
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => {
      const trimmed = value.trim();
      // free text needs two characters; fewer would match nearly everything
      if (key === "q" && trimmed.length === 1) return;
      applied.current[key] = trimmed || undefined;
      set({ [key]: trimmed || undefined });
    }, 350);
  }

  const textField = ({ key, label, placeholder, mono }: (typeof TEXT_FIELDS)[number]) => (
    <Field key={key} label={label} htmlFor={`audit-${key}`} className="w-56">
      <Input
        id={`audit-${key}`}
        type="search"
        placeholder={placeholder}
        maxLength={key === "q" ? 100 : 300}
        autoComplete="off"
        spellCheck={false}
        className={mono ? "font-mono" : undefined}
        value={typed[key] ?? ""}
        onChange={(e) => onText(key, e.target.value)}
      />
    </Field>
  );

  const actionOptions = (filter.class ? actionsOfClass(filter.class) : AUDIT_ACTIONS).map((value) => ({ value, label: value }));
  return (
    <div className="flex flex-col gap-3" data-testid="audit-filters">
      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id="audit-range"
          label="Time"
          allLabel={filter.since || filter.until ? "Custom range" : "Any time"}
          value=""
          onChange={(value) => {
            const range = RANGES.find((item) => item.value === value);
            set(range ? { since: sinceAgo(range.ms), until: undefined } : { since: undefined, until: undefined });
          }}
          options={RANGES.map(({ value, label }) => ({ value, label }))}
        />
        <Field label="From" htmlFor="audit-since" className="w-52">
          <Input id="audit-since" type="datetime-local" value={isoToLocal(filter.since)} onChange={(e) => set({ since: localToIso(e.target.value) })} />
        </Field>
        <Field label="Until" htmlFor="audit-until" className="w-52">
          <Input id="audit-until" type="datetime-local" value={isoToLocal(filter.until)} onChange={(e) => set({ until: localToIso(e.target.value) })} />
        </Field>
        <FilterSelect id="audit-class" label="Type" allLabel="All types" className="w-60" value={filter.class ?? ""} onChange={(value) => set({ class: value || undefined, action: undefined })} options={EVENT_CLASSES.map((value) => ({ value, label: EVENT_CLASS_LABELS[value] }))} />
        <FilterSelect id="audit-action" label="Event" allLabel="All events" className="w-60" value={filter.action ?? ""} onChange={(value) => set({ action: value || undefined })} options={actionOptions} />
        <FilterSelect id="audit-outcome" label="Outcome" allLabel="All outcomes" className="w-44" value={filter.outcome ?? ""} onChange={(value) => set({ outcome: value || undefined })} options={AUDIT_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] }))} />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <IdentitySelect kind="agent" id="audit-agent" label="Agent" className="w-96" value={filter.agent ?? ""} extraOptions={[{ value: "", label: "All agents" }]} onChange={(value) => set({ agent: value || undefined })} />
        <IdentitySelect kind="server" id="audit-server" label="MCP server" className="w-96" value={filter.server ?? ""} extraOptions={[{ value: "", label: "All servers" }]} onChange={(value) => set({ server: value || undefined })} />
        <FilterSelect id="audit-tier" label="Tier" allLabel="All tiers" className="w-36" value={filter.tier ?? ""} onChange={(value) => set({ tier: value || undefined })} options={TIERS} />
        {TEXT_FIELDS.filter((field) => !field.more).map(textField)}
      </div>
      <div>
        <Button variant="ghost" aria-expanded={more} aria-controls="audit-more-filters" onClick={() => setMore(!more)}>
          {more ? "Fewer filters" : "More filters"}
        </Button>
      </div>
      {more ? (
        <div id="audit-more-filters" className="flex flex-wrap items-end gap-3">
          <IdentitySelect kind="resource" id="audit-resource" label="Downstream resource" className="w-96" value={filter.resource ?? ""} extraOptions={[{ value: "", label: "All resources" }]} onChange={(value) => set({ resource: value || undefined })} />
          {TEXT_FIELDS.filter((field) => field.more).map(textField)}
        </div>
      ) : null}
    </div>
  );
}
