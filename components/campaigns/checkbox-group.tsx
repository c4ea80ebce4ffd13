"use client";
// CheckboxGroup: a fieldset of checkboxes choosing any number of fixed values (a filter's kinds, tiers…).
import { FieldsetError, FieldsetHint, fieldsetDescribedBy } from "@/components/campaigns/fieldset-parts";
import { CheckboxField } from "@/components/identities/checkbox-field";

export function CheckboxGroup<T extends string>(props: {
  id: string;
  legend: string;
  hint?: string;
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const { id, value, error, hint } = props;
  return (
    <fieldset className="space-y-1.5" aria-describedby={fieldsetDescribedBy(id, { hint, error })} disabled={props.disabled}>
      <legend className="text-sm font-medium text-slate-800">{props.legend}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-1.5">
        {props.options.map((option) => (
          <CheckboxField
            key={option.value}
            id={`${id}-${option.value}`}
            label={option.label}
            checked={value.includes(option.value)}
            onChange={(event) => props.onChange(event.target.checked ? [...value, option.value] : value.filter((item) => item !== option.value))}
          />
        ))}
      </div>
      <FieldsetHint id={id} hint={hint} />
      <FieldsetError id={id} error={error} />
    </fieldset>
  );
}
