"use client";
// DataTable: semantic, horizontally scrollable table with loading, error and empty states.
import type { KeyboardEvent, MouseEvent, ReactNode } from "react";
import { Alert } from "./alert";
import { cx } from "./cx";
import { Spinner } from "./spinner";

export type Column<T> = {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
};

const INTERACTIVE = "a, button, input, select, textarea, label, summary, [role='button'], [role='link'], [role='checkbox'], [contenteditable='true']";

/** True when the event started on an interactive element inside the row (not the row itself). */
function fromNestedControl(e: MouseEvent<HTMLElement> | KeyboardEvent<HTMLElement>): boolean {
  const target = e.target as Element | null;
  const hit = target?.closest(INTERACTIVE);
  return Boolean(hit && hit !== e.currentTarget && e.currentTarget.contains(hit));
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  getRowId,
  loading = false,
  error,
  empty,
  onRowClick,
  rowLabel,
  activeRowId,
}: {
  /** Visually hidden <caption> for screen readers. */
  caption: string;
  columns: Column<T>[];
  rows: T[] | undefined;
  getRowId: (row: T) => string;
  /** Shows a spinner row. */
  loading?: boolean;
  /** Shows an Alert row. */
  error?: string | null;
  /** Rendered full width when rows is an empty array and not loading. */
  empty?: ReactNode;
  /** Rows become keyboard-focusable (tabIndex 0, Enter activates). */
  onRowClick?: (row: T) => void;
  /** Optional accessible label for clickable rows, e.g. (row) => `Open ${row.name}`. */
  rowLabel?: (row: T) => string;
  /** Highlights one row (e.g. the one keyboard shortcuts act on) and marks it aria-current. */
  activeRowId?: string | null;
}) {
  const colSpan = Math.max(columns.length, 1);

  let body: ReactNode;
  if (error) {
    body = (
      <tr>
        <td colSpan={colSpan} className="px-4 py-4">
          <Alert tone="danger" title="Could not load data">
            {error}
          </Alert>
        </td>
      </tr>
    );
  } else if (loading || rows === undefined) {
    body = (
      <tr>
        <td colSpan={colSpan} className="px-4 py-10 text-center">
          <Spinner label="Loading" />
        </td>
      </tr>
    );
  } else if (rows.length === 0) {
    body = (
      <tr>
        <td colSpan={colSpan} className="p-4">
          {empty ?? <p className="py-6 text-center text-sm text-slate-500">No results.</p>}
        </td>
      </tr>
    );
  } else {
    body = rows.map((row) => {
      const id = getRowId(row);
      const clickable = Boolean(onRowClick);
      return (
        <tr
          key={id}
          data-row-id={id}
          aria-current={activeRowId === id ? "true" : undefined}
          tabIndex={clickable ? 0 : undefined}
          aria-label={clickable && rowLabel ? rowLabel(row) : undefined}
          onClick={
            onRowClick
              ? (e) => {
                  if (fromNestedControl(e)) return;
                  // Don't hijack text selection inside a row.
                  if (typeof window !== "undefined" && window.getSelection()?.toString()) return;
                  onRowClick(row);
                }
              : undefined
          }
          onKeyDown={
            onRowClick
              ? (e) => {
                  if (e.target !== e.currentTarget) return;
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    onRowClick(row);
                  }
                }
              : undefined
          }
          className={cx(
            "even:bg-slate-50/60",
            activeRowId === id && "bg-indigo-50 outline outline-2 -outline-offset-2 outline-indigo-400 even:bg-indigo-50",
            clickable &&
              "cursor-pointer hover:bg-indigo-50/60 focus-visible:bg-indigo-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-indigo-500",
          )}
        >
          {columns.map((col) => (
            <td key={col.key} className={cx("px-4 py-2.5 align-middle text-slate-700", col.className)}>
              {col.cell(row)}
            </td>
          ))}
        </tr>
      );
    });
  }

  return (
    <div className="w-full overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm" aria-busy={loading || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((col) => (
              <th
                key={col.key}
                scope="col"
                className={cx(
                  "whitespace-nowrap px-4 py-2.5 text-xs font-semibold uppercase tracking-wide text-slate-600",
                  col.className,
                )}
              >
                {col.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{body}</tbody>
      </table>
    </div>
  );
}
