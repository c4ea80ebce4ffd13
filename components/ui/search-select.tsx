"use client";
// SearchSelect: a search box that narrows a native <select> of server-side results (people, identities).
// The caller fetches with the debounced query from useDebouncedSearch and passes the options; the chosen
// option is passed separately so it stays listed whatever the current results are.
import { useEffect, useRef, useState } from "react";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** The text in the search box, and the trimmed query it settles on after `delayMs`. */
export function useDebouncedSearch(delayMs = 250) {
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  function onSearchChange(text: string) {
    setSearch(text);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setQuery(text.trim()), delayMs);
  }
  return { search, query, onSearchChange };
}

export type SearchOption = { value: string; label: string };

export function SearchSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  search: ReturnType<typeof useDebouncedSearch>;
  searchLabel: string;
  searchPlaceholder: string;
  options: readonly SearchOption[];
  /** the chosen option when it is not among `options` */
  chosen?: SearchOption | null;
  extraOptions?: readonly SearchOption[];
  placeholder?: string;
  busy?: boolean;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  className?: string;
  onBlur?: () => void;
}) {
  const { id, label, value, error, hint, disabled, placeholder, extraOptions = [], chosen } = props;
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint} required={props.required} className={props.className}>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id={`${id}-search`}
          type="search"
          aria-label={props.searchLabel}
          placeholder={props.searchPlaceholder}
          value={props.search.search}
          onChange={(e) => props.search.onSearchChange(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          className="sm:w-56"
        />
        <Select
          id={id}
          className="min-w-0 flex-1"
          value={value}
          disabled={disabled}
          invalid={Boolean(error)}
          aria-describedby={describedBy(id, { error, hint })}
          aria-busy={props.busy || undefined}
          onBlur={props.onBlur}
          onChange={(e) => props.onChange(e.target.value)}
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
          {chosen ? <option value={chosen.value}>{chosen.label}</option> : null}
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </div>
    </Field>
  );
}
