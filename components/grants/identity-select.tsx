"use client";
// IdentitySelect: choose one agent, MCP server or resource (GET /api/v1/{plural}?q=). A search box narrows a
// native <select>; the chosen one stays listed while the results change, and an id given from outside (a URL
// filter) is looked up by id so it shows its name.
import { useEffect, useRef, useState } from "react";
import { STATUS_LABELS } from "@/components/identities/identity-labels";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { IdentityStatus } from "@/lib/identities/kinds";
import { useIdentities } from "@/lib/query/identities/use-identities";

export type PickableKind = "agent" | "server" | "resource";
export type IdentityOption = { id: string; name: string; slug?: string; status?: IdentityStatus };

const PLURAL: Record<PickableKind, string> = { agent: "agents", server: "MCP servers", resource: "resources" };

const optionLabel = (identity: IdentityOption) =>
  `${identity.name}${identity.slug ? ` (${identity.slug})` : ""}${identity.status && identity.status !== "active" ? ` — ${STATUS_LABELS[identity.status].toLowerCase()}` : ""}`;

export function IdentitySelect(props: {
  kind: PickableKind;
  id: string;
  label: string;
  value: string;
  onChange: (value: string, identity: IdentityOption | null) => void;
  /** The identity `value` names, when known, so it shows before any search. */
  selected?: IdentityOption | null;
  /** Options above the results, e.g. { value: "", label: "All servers" }. */
  extraOptions?: readonly { value: string; label: string }[];
  /** Shown (and not choosable) while nothing is chosen. */
  placeholder?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
}) {
  const { kind, id, label, value, onChange, extraOptions = [], placeholder, error, hint, required, disabled } = props;
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [known, setKnown] = useState<IdentityOption | null>(props.selected ?? null);
  const debounce = useRef<number | undefined>(undefined);
  const list = useIdentities(kind, { q: q || undefined, sort: "name", limit: 25 }, { enabled: !disabled });
  const results: IdentityOption[] = list.data?.items ?? [];

  useEffect(() => () => window.clearTimeout(debounce.current), []);

  function onSearchChange(text: string) {
    setSearch(text);
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => setQ(text.trim()), 250);
  }

  const listed = value === "" || results.some((item) => item.id === value) || extraOptions.some((option) => option.value === value);
  const remembered = known?.id === value ? known : props.selected?.id === value ? props.selected : null;
  // the list search matches ids too, so an unknown id finds its own identity
  const lookup = useIdentities(kind, { q: value, limit: 5 }, { enabled: !listed && !remembered && !disabled });
  const chosen = listed ? null : (remembered ?? lookup.data?.items.find((item) => item.id === value) ?? { id: value, name: value });
  const status = list.error ? `Could not search ${PLURAL[kind]}: ${list.error.message}` : list.data && results.length === 0 && q ? `Nothing matches “${q}”.` : undefined;
  const fullHint = [hint, status].filter(Boolean).join(" ") || undefined;

  return (
    <Field label={label} htmlFor={id} error={error} hint={fullHint} required={required} className={props.className}>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id={`${id}-search`}
          type="search"
          aria-label={`Find ${PLURAL[kind]}`}
          placeholder="Search by name, slug or id"
          value={search}
          onChange={(e) => onSearchChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          className="sm:w-48"
        />
        <Select
          id={id}
          className="min-w-0 flex-1"
          value={value}
          disabled={disabled}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id, { error, hint: fullHint })}
          aria-busy={list.isFetching || undefined}
          onChange={(e) => {
            const next = e.target.value;
            const identity = results.find((item) => item.id === next) ?? (chosen?.id === next ? chosen : null);
            if (identity) setKnown(identity);
            onChange(next, identity);
          }}
        >
          {placeholder && value === "" ? (
            <option value="" disabled>
              {placeholder}
            </option>
          ) : null}
          {extraOptions.map((option) => (
            <option key={`extra:${option.value}`} value={option.value}>
              {option.label}
            </option>
          ))}
          {chosen ? <option value={chosen.id}>{optionLabel(chosen)}</option> : null}
          {results.map((item) => (
            <option key={item.id} value={item.id}>
              {optionLabel(item)}
            </option>
          ))}
        </Select>
      </div>
    </Field>
  );
}
