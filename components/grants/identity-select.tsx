"use client";
// IdentitySelect: choose one agent, MCP server or resource (GET /api/v1/{plural}?q=). A search box narrows a
// native <select>; the chosen one stays listed while the results change, and an id given from outside (a URL
// filter) is looked up by id so it shows its name.
import { useState } from "react";
import { STATUS_LABELS } from "@/components/identities/identity-labels";
import { SearchSelect, useDebouncedSearch } from "@/components/ui/search-select";
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
  const search = useDebouncedSearch();
  const [known, setKnown] = useState<IdentityOption | null>(props.selected ?? null);
  const list = useIdentities(kind, { q: search.query || undefined, sort: "name", limit: 25 }, { enabled: !disabled });
  const results: IdentityOption[] = list.data?.items ?? [];

  const listed = value === "" || results.some((item) => item.id === value) || extraOptions.some((option) => option.value === value);
  const remembered = known?.id === value ? known : props.selected?.id === value ? props.selected : null;
  // the list search matches ids too, so an unknown id finds its own identity
  const lookup = useIdentities(kind, { q: value, limit: 5 }, { enabled: !listed && !remembered && !disabled });
  const chosen = listed ? null : (remembered ?? lookup.data?.items.find((item) => item.id === value) ?? { id: value, name: value });
  const status = list.error ? `Could not search ${PLURAL[kind]}: ${list.error.message}` : list.data && results.length === 0 && search.query ? `Nothing matches “${search.query}”.` : undefined;

  return (
    <SearchSelect
      id={id}
      label={label}
      value={value}
      search={search}
      searchLabel={`Find ${PLURAL[kind]}`}
      searchPlaceholder="Search by name, slug or id"
      options={results.map((item) => ({ value: item.id, label: optionLabel(item) }))}
      chosen={chosen ? { value: chosen.id, label: optionLabel(chosen) } : null}
      extraOptions={extraOptions}
      placeholder={placeholder}
      busy={list.isFetching}
      error={error}
      hint={[hint, status].filter(Boolean).join(" ") || undefined}
      required={required}
      disabled={disabled}
      className={props.className}
      onChange={(next) => {
        const identity = results.find((item) => item.id === next) ?? (chosen?.id === next ? chosen : null);
        if (identity) setKnown(identity);
        onChange(next, identity);
      }}
    />
  );
}
