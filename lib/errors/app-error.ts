// The one error type domain code throws. Entry points turn it into problem+json
// (management API) or an OAuth error body; anything else becomes a generic 500.
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors/codes";

/** One problem with one input field, as JSON pointer-ish path segments. */
export type FieldIssue = { path: string; message: string };

export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { issues?: FieldIssue[]; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
export const forbidden = (message = "You do not have permission to do this") => new AppError("forbidden", message);
export const conflict = (message: string, issues?: FieldIssue[]) => new AppError("conflict", message, { issues });
export const invalid = (message: string, issues: FieldIssue[]) => new AppError("validation_failed", message, { issues });
