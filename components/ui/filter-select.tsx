"use client";
// FilterSelect: a labelled Select for list filters, with an "All …" option for no filter.
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";

export function FilterSelect<T extends string>(props: {
  id: string;
  label: string;
  value: T | "";
  onChange: (value: T | "") => void;
  allLabel: string;
  options: readonly { value: T; label: string }[];
  className?: string;
}) {
  return (
    <Field label={props.label} htmlFor={props.id} className={props.className ?? "w-40"}>
      <Select id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value as T | "")}>
        <option value="">{props.allLabel}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
