// Delivery errors as the log keeps them: one line, at most 200 characters,
// with any URL credentials (an SMTP URL's password) blanked out.
export function shortError(error: unknown): string {
  const cause = error instanceof Error && error.cause && typeof error.cause === "object" ? (error.cause as { code?: unknown; message?: unknown }) : null;
  let text = error instanceof Error ? error.message : String(error);
  if (cause && typeof cause.code === "string") text = `${text}: ${cause.code}`;
  else if (cause && typeof cause.message === "string") text = `${text}: ${cause.message}`;
  const code = error && typeof error === "object" && typeof (error as { code?: unknown }).code === "string" ? (error as { code: string }).code : null;
  if (code && !text.includes(code)) text = `${code}: ${text}`;
  text = text.replace(/\/\/[^/\s@]*@/g, "//***@").replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
