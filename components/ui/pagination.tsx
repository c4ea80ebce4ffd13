"use client";
// Pagination: cursor-based Previous/Next controls plus the useCursorPagination state hook.
import { useCallback, useMemo, useState } from "react";
import { Button } from "./button";

const nf = new Intl.NumberFormat("en-US");

export function Pagination({
  pageIndex,
  pageSize,
  itemCount,
  total,
  hasNext,
  onNext,
  onPrevious,
  loading = false,
}: {
  pageIndex: number;
  pageSize: number;
  itemCount: number;
  total?: number;
  hasNext: boolean;
  onNext: () => void;
  onPrevious: () => void;
  loading?: boolean;
}) {
  const start = pageIndex * pageSize + 1;
  const end = pageIndex * pageSize + itemCount;
  const summary =
    itemCount <= 0
      ? "No results"
      : `Showing ${nf.format(start)}–${nf.format(end)}${total === undefined ? "" : ` of ${nf.format(total)}`}`;

  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 py-3">
      <p className="text-sm text-slate-600" aria-live="polite" aria-atomic="true">
        {summary}
      </p>
      <div className="flex items-center gap-2">
        <Button variant="secondary" size="sm" onClick={onPrevious} disabled={pageIndex <= 0 || loading}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path
              fillRule="evenodd"
              clipRule="evenodd"
              d="M11.78 5.22a.75.75 0 0 1 0 1.06L8.06 10l3.72 3.72a.75.75 0 1 1-1.06 1.06l-4.25-4.25a.75.75 0 0 1 0-1.06l4.25-4.25a.75.75 0 0 1 1.06 0Z"
            />
          </svg>
          Previous
        </Button>
        <Button variant="secondary" size="sm" onClick={onNext} disabled={!hasNext || loading}>
          Next
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path
              fillRule="evenodd"
              clipRule="evenodd"
              d="M8.22 5.22a.75.75 0 0 1 1.06 0l4.25 4.25a.75.75 0 0 1 0 1.06l-4.25 4.25a.75.75 0 0 1-1.06-1.06L11.94 10 8.22 6.28a.75.75 0 0 1 0-1.06Z"
            />
          </svg>
        </Button>
      </div>
    </nav>
  );
}

/**
 * Cursor stack for "Previous/Next" pagination. Page 0 has cursor undefined; `next(c)` pushes the
 * server's next cursor, `previous()` pops, `reset()` returns to page 0 (call it when filters change).
 */
export function useCursorPagination(): {
  cursor: string | undefined;
  pageIndex: number;
  next: (nextCursor: string | null | undefined) => void;
  previous: () => void;
  reset: () => void;
} {
  const [stack, setStack] = useState<string[]>([]);

  const next = useCallback((nextCursor: string | null | undefined) => {
    if (!nextCursor) return;
    setStack((s) => [...s, nextCursor]);
  }, []);
  const previous = useCallback(() => {
    setStack((s) => (s.length === 0 ? s : s.slice(0, -1)));
  }, []);
  const reset = useCallback(() => {
    setStack((s) => (s.length === 0 ? s : []));
  }, []);

  return useMemo(
    () => ({ cursor: stack[stack.length - 1], pageIndex: stack.length, next, previous, reset }),
    [stack, next, previous, reset],
  );
}

export type CursorPage = { items: readonly unknown[]; nextCursor: string | null; total?: number };

/** The Pagination row under a cursor-paginated list; hidden while loading and for an empty first page. */
export function CursorPager(props: { page: CursorPage | undefined; pagination: ReturnType<typeof useCursorPagination>; pageSize: number; loading?: boolean }) {
  const { page, pagination } = props;
  if (!page || (page.items.length === 0 && pagination.pageIndex === 0)) return null;
  return (
    <Pagination
      pageIndex={pagination.pageIndex}
      pageSize={props.pageSize}
      itemCount={page.items.length}
      total={page.total}
      hasNext={Boolean(page.nextCursor)}
      onNext={() => pagination.next(page.nextCursor)}
      onPrevious={pagination.previous}
      loading={props.loading}
    />
  );
}
