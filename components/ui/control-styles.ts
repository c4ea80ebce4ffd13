// Shared class strings for the native form controls (Input, Textarea, Select).
import { cx } from "./cx";

export function controlClasses(invalid: boolean | undefined, className?: string): string {
  return cx(
    "block w-full rounded-md border bg-white px-3 py-1.5 text-sm text-slate-900 shadow-sm transition-colors",
    "placeholder:text-slate-400",
    "focus:outline-none focus-visible:ring-2 focus-visible:ring-offset-0",
    "disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500",
    "[&[readonly]]:bg-slate-50",
    invalid
      ? "border-red-500 focus-visible:border-red-500 focus-visible:ring-red-500/40"
      : "border-slate-300 hover:border-slate-400 focus-visible:border-indigo-500 focus-visible:ring-indigo-500/40",
    className,
  );
}
