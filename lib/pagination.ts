// Keyset pagination over time-ordered ids: newest first, the cursor is the last
// id of the previous page. Stable under inserts and cheap on large tables.
import { z } from "zod";

export const ZCursorQuery = z.object({
  cursor: z
    .string()
    .max(64)
    .regex(/^[a-z]{3}_[0-9a-z]{26}$/, "not a cursor returned by this API")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export type Page<T> = { items: T[]; nextCursor: string | null };

export function pageWhere(cursor: string | undefined): { id?: { lt: string } } {
  return cursor ? { id: { lt: cursor } } : {};
}

/** Call with `limit + 1` rows fetched; returns `limit` items and the cursor of the next page. */
export function toPage<Row extends { id: string }, T>(rows: Row[], limit: number, present: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(present), nextCursor: more ? kept[kept.length - 1]!.id : null };
}

export const zPage = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as `cursor` to get the next page; null on the last page"),
    total: z.number().int().optional().describe("Number of matching items, where cheap to count"),
  });
