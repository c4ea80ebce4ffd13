"use client";
// RadioGroup: a fieldset of native radios, each with its label and an explanation beneath (arrow keys move between them).
import { FieldsetError, FieldsetHint, fieldsetDescribedBy } from "@/components/campaigns/fieldset-parts";
import { cx } from "@/components/ui/cx";

export function RadioGroup<T extends string>(props: {
  id: string;
  legend: string;
  name: string;
  options: readonly { value: T; label: string; hint?: string }[];
  value: T;
  onChange: (value: T) => void;
  hint?: string;
  error?: string;
  disabled?: boolean;
  className?: string;
}) {
  const { id, error, hint } = props;
  return (
    <fieldset className={cx("space-y-2", props.className)} aria-describedby={fieldsetDescribedBy(id, { hint, error })} disabled={props.disabled}>
      <legend className="text-sm font-medium text-slate-800">{props.legend}</legend>
      <FieldsetHint id={id} hint={hint} />
      <div className="space-y-2">
        {props.options.map((option) => (
          <div key={option.value} className="flex items-start gap-2">
            <input
              id={`${id}-${option.value}`}
              type="radio"
              name={props.name}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
              aria-describedby={option.hint ? `${id}-${option.value}-hint` : undefined}
              className="mt-0.5 size-4 shrink-0 accent-indigo-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
            />
            <div className="min-w-0">
              <label htmlFor={`${id}-${option.value}`} className="text-sm font-medium text-slate-800">
                {option.label}
              </label>
              {option.hint ? (
                <p id={`${id}-${option.value}-hint`} className="text-xs text-slate-500">
                  {option.hint}
                </p>
              ) : null}
            </div>
          </div>
        ))}
      </div>
      <FieldsetError id={id} error={error} />
    </fieldset>
  );
}
