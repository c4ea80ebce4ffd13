"use client";
// CheckboxList: a list of checkboxes choosing a subset of codes (event types,
// event classes), each labelled with its code and a description; for use as a
// react-hook-form Controller's render.
export function CheckboxList<T extends string>(props: {
  idPrefix: string;
  options: readonly T[];
  describe: (option: T) => string;
  value: readonly T[];
  onChange: (value: T[]) => void;
  onBlur?: () => void;
  className?: string;
}) {
  return (
    <ul className={props.className ?? "space-y-1.5"}>
      {props.options.map((option) => {
        const id = `${props.idPrefix}-${option.replace(/[^A-Za-z0-9_-]/g, "-")}`;
        return (
          <li key={option} className="flex items-start gap-2">
            <input
              id={id}
              type="checkbox"
              checked={props.value.includes(option)}
              onChange={(e) => props.onChange(e.target.checked ? [...props.value, option] : props.value.filter((value) => value !== option))}
              onBlur={props.onBlur}
              className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus-visible:ring-2 focus-visible:ring-indigo-500"
            />
            <label htmlFor={id} className="text-sm text-slate-800">
              <span className="font-mono text-xs">{option}</span> <span className="text-slate-500">— {props.describe(option)}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}
