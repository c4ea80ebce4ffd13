"use client";
// PeoplePicker: choose an active user (owner, backup owner) from directory search results.
// A search box narrows a native <select>; the chosen person stays listed while the results change.
import { useState } from "react";
import { SearchSelect, useDebouncedSearch } from "@/components/ui/search-select";
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
  const search = useDebouncedSearch();
  const [known, setKnown] = useState<DirectoryUser | null>(props.selected ?? null);
  const directory = useDirectoryUsers(search.query, { enabled: !disabled });

  const results = (directory.data?.items ?? []).filter((user) => user.id !== excludeId);
  const listed = value === "" || results.some((user) => user.id === value) || extraOptions.some((option) => option.value === value);
  // the chosen person, kept listed whatever the search shows (by id alone when never seen)
  const chosen = listed ? null : known && known.id === value ? known : { id: value, name: value, email: "not in the directory" };
  const status = directory.error
    ? `Could not search people: ${directory.error.message}`
    : directory.data && results.length === 0 && search.query
      ? `Nobody matches “${search.query}”.`
      : undefined;

  return (
    <SearchSelect
      id={id}
      label={label}
      value={value}
      search={search}
      searchLabel={`Find ${label.toLowerCase()}`}
      searchPlaceholder="Search by name or email"
      options={results.map((user) => ({ value: user.id, label: personLabel(user) }))}
      chosen={chosen ? { value: chosen.id, label: personLabel(chosen) } : null}
      extraOptions={extraOptions}
      placeholder={placeholder}
      busy={directory.isFetching}
      error={error}
      hint={[hint, status].filter(Boolean).join(" ") || undefined}
      required={required}
      disabled={disabled}
      onBlur={props.onBlur}
      onChange={(next) => {
        const person = results.find((user) => user.id === next);
        if (person) setKnown(person);
        onChange(next);
      }}
    />
  );
}
