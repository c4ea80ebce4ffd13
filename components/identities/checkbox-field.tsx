// CheckboxField: a native checkbox with its label beside it and an optional hint (forwardRef for react-hook-form).
import { forwardRef, type InputHTMLAttributes } from "react";
import { cx } from "@/components/ui/cx";

export const CheckboxField = forwardRef<HTMLInputElement, Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { id: string; label: string; hint?: string }>(function CheckboxField(
  { id, label, hint, className, ...rest },
  ref,
) {
  return (
    <div className={cx("flex items-start gap-2", className)}>
      <input
        ref={ref}
        id={id}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 shrink-0 rounded border-slate-300 text-indigo-600 accent-indigo-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-not-allowed"
        {...rest}
      />
      <div className="min-w-0">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
});
