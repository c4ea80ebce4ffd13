// Date formatting for the console: one fixed, unambiguous form, `YYYY-MM-DD HH:MM UTC`.

/** Formats an ISO timestamp as `YYYY-MM-DD HH:MM UTC`; "—" for null, undefined or an unparseable value. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}
