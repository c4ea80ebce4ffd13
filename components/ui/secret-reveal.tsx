"use client";
// SecretReveal: one-time secret shown in a monospace read-only box with a copy button and a warning.
import { useId } from "react";
import { CopyButton } from "./copy-button";

export function SecretReveal({
  label,
  value,
  warning = "Copy it now: it will not be shown again.",
}: {
  label: string;
  value: string;
  warning?: string;
}) {
  const labelId = useId();
  const warningId = useId();
  return (
    <div role="group" aria-labelledby={labelId} aria-describedby={warningId} className="space-y-2">
      <p id={labelId} className="text-sm font-medium text-slate-800">
        {label}
      </p>
      <div className="flex items-stretch gap-2">
        <code
          data-testid="secret-value"
          tabIndex={0}
          className="min-w-0 flex-1 select-all break-all rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          {value}
        </code>
        <CopyButton value={value} subject={label} size="md" className="self-start" />
      </div>
      <p id={warningId} className="flex items-start gap-1.5 text-xs font-medium text-amber-800">
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-px size-3.5 shrink-0 text-amber-500">
          <path
            fillRule="evenodd"
            clipRule="evenodd"
            d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          />
        </svg>
        <span>{warning}</span>
      </p>
    </div>
  );
}
