// Select: styled native <select> with an `invalid` state (forwardRef for react-hook-form).
import { forwardRef, type SelectHTMLAttributes } from "react";
import { controlClasses } from "./control-styles";
import { cx } from "./cx";

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean };

/**
 * `className` goes on the wrapper (width, margins); the <select> always fills it.
 * The native arrow is replaced by a decorative chevron so padding is consistent across browsers.
 */
export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select(
  { invalid, className, children, multiple, ...rest },
  ref,
) {
  return (
    <div className={cx("relative", className)}>
      <select
        ref={ref}
        multiple={multiple}
        {...rest}
        aria-invalid={invalid ? true : rest["aria-invalid"]}
        className={controlClasses(invalid, multiple ? "py-1" : "h-9 appearance-none pr-8")}
      >
        {children}
      </select>
      {multiple ? null : (
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="pointer-events-none absolute inset-y-0 right-2.5 my-auto size-4 text-slate-500"
        >
          <path
            fillRule="evenodd"
            clipRule="evenodd"
            d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
          />
        </svg>
      )}
    </div>
  );
});
