// Spinner: animated loading ring with a screen-reader-only label.
import { cx } from "./cx";

const sizes = {
  sm: "size-3.5 border-2",
  md: "size-5 border-2",
  lg: "size-8 border-[3px]",
} as const;

export function Spinner({
  label = "Loading",
  className,
  size = "md",
}: {
  label?: string;
  className?: string;
  size?: keyof typeof sizes;
}) {
  return (
    <span role="status" className={cx("inline-flex items-center justify-center", className)}>
      <span
        aria-hidden="true"
        className={cx(
          "inline-block shrink-0 animate-spin rounded-full border-slate-300 border-t-indigo-600 motion-reduce:animate-[spin_1.5s_linear_infinite]",
          sizes[size],
        )}
      />
      <span className="sr-only">{label}</span>
    </span>
  );
}
