// Slices of a list, for queries that bind one parameter per item. SQLite
// refuses a statement with more than 999 bound parameters (Prisma error
// P2029), and Prisma splits only a plain findMany with one `in` list (not one
// with orderBy, distinct, a relation filter or a count): callers slice instead.

/** Items per slice: half of SQLite's limit, leaving room for a query's other parameters. */
export const IDS_PER_QUERY = 500;

/** `items` in order, `size` at a time (the last slice may be shorter; none when `items` is empty). */
export function chunks<T>(items: readonly T[], size = IDS_PER_QUERY): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
