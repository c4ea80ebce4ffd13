"use client";
// CopyButton: copies a value to the clipboard and shows "Copied" for 2 seconds.
import { useEffect, useRef, useState } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "./button";

export function CopyButton({
  value,
  label = "Copy",
  subject,
  variant = "secondary",
  size = "sm",
  className,
}: {
  value: string;
  label?: string;
  /** What is being copied, appended for screen readers (e.g. "client secret" gives "Copy client secret"). */
  subject?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  async function copy() {
    try {
      if (typeof navigator === "undefined" || !navigator.clipboard?.writeText) return;
      await navigator.clipboard.writeText(value);
    } catch {
      return; // Clipboard unavailable or permission denied: fail silently.
    }
    setCopied(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setCopied(false), 2000);
  }

  return (
    <>
      <Button variant={variant} size={size} className={className} onClick={() => void copy()}>
        {copied ? (
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3.5 text-emerald-600">
            <path
              fillRule="evenodd"
              clipRule="evenodd"
              d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
            />
          </svg>
        ) : (
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3.5">
            <path d="M7 3.5A1.5 1.5 0 0 1 8.5 2h3.879a1.5 1.5 0 0 1 1.06.44l3.122 3.12A1.5 1.5 0 0 1 17 6.622V12.5a1.5 1.5 0 0 1-1.5 1.5h-1v-3.379a3 3 0 0 0-.879-2.121L10.5 5.379A3 3 0 0 0 8.379 4.5H7v-1Z" />
            <path d="M4.5 6A1.5 1.5 0 0 0 3 7.5v9A1.5 1.5 0 0 0 4.5 18h7a1.5 1.5 0 0 0 1.5-1.5v-5.879a1.5 1.5 0 0 0-.44-1.06L9.44 6.439A1.5 1.5 0 0 0 8.378 6H4.5Z" />
          </svg>
        )}
        <span>{copied ? "Copied" : label}</span>
        {subject && !copied ? <span className="sr-only"> {subject}</span> : null}
      </Button>
      <span role="status" className="sr-only">
        {copied ? `Copied${subject ? ` ${subject}` : ""} to clipboard` : ""}
      </span>
    </>
  );
}
