"use client";
// ChecklistPicker: choose any number of things found by a search (servers, owners) — tick results,
// see (and remove) the chosen ones, which stay chosen whatever the search shows.
import { useState } from "react";
import { FieldsetError, fieldsetDescribedBy } from "@/components/campaigns/fieldset-parts";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { SearchOption, useDebouncedSearch } from "@/components/ui/search-select";

export function ChecklistPicker(props: {
  id: string;
  legend: string;
  search: ReturnType<typeof useDebouncedSearch>;
  searchPlaceholder: string;
  results: readonly SearchOption[];
  /** e.g. "Could not load servers: …", or "No servers match …" */
  status?: string;
  /** [one, many], e.g. ["server", "servers"] */
  noun: readonly [string, string];
  /** said when nothing is chosen, e.g. "Any server." */
  noneChosen: string;
  value: string[];
  /** a chosen one's label when the search has not shown it (e.g. a saved campaign's filter) */
  nameOf?: (key: string) => string;
  onChange: (value: string[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const { id, value, error, noun } = props;
  const [labels, setLabels] = useState<Record<string, string>>({});
  const labelOf = (key: string) => labels[key] ?? props.results.find((option) => option.value === key)?.label ?? props.nameOf?.(key) ?? key;
  function toggle(option: SearchOption, checked: boolean) {
    setLabels((known) => ({ ...known, [option.value]: option.label }));
    props.onChange(checked ? [...value, option.value] : value.filter((item) => item !== option.value));
  }

  return (
    <fieldset className="space-y-2" aria-describedby={fieldsetDescribedBy(id, { error })} disabled={props.disabled}>
      <legend className="text-sm font-medium text-slate-800">{props.legend}</legend>
      <Input
        id={`${id}-search`}
        type="search"
        aria-label={`Find ${noun[1]}`}
        placeholder={props.searchPlaceholder}
        value={props.search.search}
        onChange={(e) => props.search.onSearchChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="max-h-44 space-y-1.5 overflow-y-auto rounded-md border border-slate-200 p-2">
        {props.status ? <p className="text-xs text-slate-500">{props.status}</p> : null}
        {props.results.map((option) => (
          <CheckboxField key={option.value} id={`${id}-${option.value}`} label={option.label} checked={value.includes(option.value)} onChange={(e) => toggle(option, e.target.checked)} />
        ))}
      </div>
      <div aria-live="polite">
        <p className="text-xs text-slate-600">{value.length === 0 ? props.noneChosen : `${value.length} ${value.length === 1 ? noun[0] : noun[1]} chosen:`}</p>
        {value.length > 0 ? (
          <ul className="mt-1 flex flex-wrap gap-1.5">
            {value.map((key) => (
              <li key={key} className="inline-flex items-center gap-1 rounded-md bg-slate-100 py-0.5 pl-2 text-xs text-slate-700">
                {labelOf(key)}
                <Button variant="ghost" size="sm" aria-label={`Remove ${labelOf(key)}`} onClick={() => props.onChange(value.filter((item) => item !== key))}>
                  ×
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <FieldsetError id={id} error={error} />
    </fieldset>
  );
}
