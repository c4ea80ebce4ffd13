// Button and ButtonLink: the console's action buttons (primary, secondary, danger, ghost).
import Link from "next/link";
import type { AnchorHTMLAttributes, ButtonHTMLAttributes } from "react";
import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md";

const base =
  "inline-flex shrink-0 items-center justify-center gap-1.5 whitespace-nowrap rounded-md border font-medium transition-colors select-none " +
  "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-offset-2 focus-visible:ring-offset-white " +
  "disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50";

const variants: Record<ButtonVariant, string> = {
  primary:
    "border-transparent bg-indigo-600 text-white shadow-sm hover:not-disabled:bg-indigo-500 active:not-disabled:bg-indigo-700 focus-visible:ring-indigo-500",
  secondary:
    "border-slate-300 bg-white text-slate-700 shadow-sm hover:not-disabled:bg-slate-50 hover:not-disabled:text-slate-900 active:not-disabled:bg-slate-100 focus-visible:ring-indigo-500",
  danger:
    "border-transparent bg-red-600 text-white shadow-sm hover:not-disabled:bg-red-500 active:not-disabled:bg-red-700 focus-visible:ring-red-500",
  ghost:
    "border-transparent bg-transparent text-slate-700 hover:not-disabled:bg-slate-100 hover:not-disabled:text-slate-900 active:not-disabled:bg-slate-200 focus-visible:ring-indigo-500",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-7 px-2.5 text-xs",
  md: "h-9 px-3.5 text-sm",
};

/** Class string for anything that should look like a button. */
export function buttonClasses({
  variant = "primary",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cx(base, variants[variant], sizes[size], className);
}

export function Button({
  variant = "primary",
  size = "md",
  loading = false,
  type = "button",
  disabled,
  className,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  loading?: boolean;
}) {
  return (
    <button
      {...rest}
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses({ variant, size, className })}
    >
      {loading ? (
        <span
          aria-hidden="true"
          className="inline-block size-3.5 shrink-0 animate-spin rounded-full border-2 border-current border-r-transparent"
        />
      ) : null}
      {children}
    </button>
  );
}

export function ButtonLink({
  href,
  variant = "primary",
  size = "md",
  className,
  children,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
}) {
  return (
    <Link {...rest} href={href} className={buttonClasses({ variant, size, className })}>
      {children}
    </Link>
  );
}
