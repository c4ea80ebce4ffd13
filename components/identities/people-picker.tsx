"use client";
// PeoplePicker: choose an active user (owner, backup owner) from directory search results.
// A search box narrows a native <select>; the chosen person stays listed while the results change.
import { useEffect, useRef, useState } from "react";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useDirectoryUsers, type DirectoryUser } from "@/lib/query/identities/use-directory-users";

export type PeoplePickerProps = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The person `value` names, when known, so they can be shown before any search. */
  selected?: DirectoryUser | null;
  /** Options above the people, e.g. { value: "", label: "No backup owner" }. */
  extraOptions?: readonly { value: string; label: string }[];
  /** Shown (and not choosable) while nothing is chosen. */
  placeholder?: string;
  /** Leaves this person out of the list (e.g. the owner when choosing a backup). */
  excludeId?: string;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  onBlur?: () => void;
};

const personLabel = (user: DirectoryUser) => `${user.name} (${user.email})`;

export function PeoplePicker(props: PeoplePickerProps) {
  const { id, label, value, onChange, extraOptions = [], placeholder, excludeId, error, hint, required, disabled } = props;
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [known, setKnown] = useState<DirectoryUser | null>(props.selected ?? null);
  const debounce = useRef<number | undefined>(undefined);
  const directory = useDirectoryUsers(q, { enabled: !disabled });

  useEffect(() => () => window.clearTimeout(debounce.current), []);

  function onSearchChange(text: string) {
    setSearch(text);
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => setQ(text.trim()), 250);
  }

  const results = (directory.data?.items ?? []).filter((user) => user.id !== excludeId);
  const listed = value === "" || results.some((user) => user.id === value) || extraOptions.some((option) => option.value === value);
  // the chosen person, kept listed whatever the search shows (by id alone when never seen)
  const chosen = listed ? null : known && known.id === value ? known : { id: value, name: value, email: "not in the directory" };
  const status = directory.error
    ? `Could not search people: ${directory.error.message}`
    : directory.data && results.length === 0 && q
      ? `Nobody matches “${q}”.`
      : undefined;
  const fullHint = [hint, status].filter(Boolean).join(" ") || undefined;

  return (
    <Field label={label} htmlFor={id} error={error} hint={fullHint} required={required}>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id={`${id}-search`}
          type="search"
          aria-label={`Find ${label.toLowerCase()}`}
          placeholder="Search by name or email"
          value={search}
          onChange={(e) => onSearchChange(e.target.value)}
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
          aria-describedby={describedBy(id, { error, hint: fullHint })}
          aria-busy={directory.isFetching || undefined}
          onBlur={props.onBlur}
          onChange={(e) => {
            const next = e.target.value;
            const person = results.find((user) => user.id === next);
            if (person) setKnown(person);
            onChange(next);
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
          {chosen ? <option value={chosen.id}>{personLabel(chosen)}</option> : null}
          {results.map((user) => (
            <option key={user.id} value={user.id}>
              {personLabel(user)}
            </option>
          ))}
        </Select>
      </div>
    </Field>
  );
}
