// The explorer's filters in a URL (/audit?agent=…&tool=…) and back. Client-safe
// (no server imports): the console keeps its filters in the address bar so a
// filtered view can be linked (dashboard cards, identity pages) and the back
// button works. A parameter that does not validate is dropped, not fatal.
import { ZAuditFilter, type TAuditFilter } from "@/lib/audit/schemas";

export const FILTER_KEYS = Object.keys(ZAuditFilter.shape) as (keyof TAuditFilter)[];

export function filterFromParams(params: URLSearchParams | Record<string, string | string[] | undefined>): TAuditFilter {
  const read = (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const filter: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const value = read(key);
    if (value === undefined || value === "") continue;
    const parsed = ZAuditFilter.shape[key].safeParse(value);
    if (parsed.success && parsed.data !== undefined) filter[key] = parsed.data;
  }
  return filter as TAuditFilter;
}

export function filterToParams(filter: TAuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  return params;
}

/** Whether any filter is set. */
export const isFiltered = (filter: TAuditFilter) => FILTER_KEYS.some((key) => filter[key] !== undefined);
