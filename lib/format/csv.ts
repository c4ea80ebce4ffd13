// CSV for exports (RFC 4180), safe to open in a spreadsheet.

/** One field: quoted when needed; a leading = + - @ tab or CR is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CRLF-terminated line of `values`. */
export const csvLine = (values: readonly unknown[]) => `${values.map(csvField).join(",")}\r\n`;
