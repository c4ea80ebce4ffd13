// Form plumbing for registry forms whose fields differ from the API body (tags typed as text,
// "" for "none"): validate with the shared zod schema on the body the form would send, and put
// problems from zod or the server on the form field they belong to.
import type { FieldError, FieldErrors, FieldValues, Path, Resolver, UseFormSetError } from "react-hook-form";
import type { z } from "zod";
import { ApiError, type ProblemIssue } from "@/lib/query/api-fetch";

/** Maps an API body path ("tags.2", "reason") to a form field, or null for the form as a whole. */
export type FieldOf<T extends FieldValues> = (path: string) => Path<T> | null;

/** "a, b,,c" → ["a", "b", "c"] */
export function parseTags(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** A field map for forms whose field names are the body's top-level names (plus renames). */
export function fieldMap<T extends FieldValues>(fields: readonly Path<T>[], renames: Record<string, Path<T>> = {}): FieldOf<T> {
  return (path) => {
    const head = path.split(".")[0] ?? "";
    if (head in renames) return renames[head] ?? null;
    return fields.find((field) => field === head) ?? null;
  };
}

/**
 * A resolver validating `toBody(values)` with the shared schema. Valid forms keep their values
 * (submit handlers build the body again); problems land on the mapped fields, the rest on `root`.
 */
export function sharedSchemaResolver<T extends FieldValues>(schema: () => z.ZodType, toBody: (values: T) => unknown, fieldOf: FieldOf<T>): Resolver<T> {
  return async (values) => {
    const result = await schema().safeParseAsync(toBody(values));
    if (result.success) return { values, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join(".");
      const field = fieldOf(path) ?? "root";
      const message = field === "root" && path ? `${path}: ${issue.message}` : issue.message;
      errors[field] ??= { type: issue.code, message };
    }
    return { values: {}, errors: errors as FieldErrors<T> };
  };
}

/**
 * Puts an ApiError's field problems on the form; returns what is left for the form's Alert
 * (null when every problem found its field).
 */
export function applyMappedApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fieldOf: FieldOf<T>): { message: string; issues: ProblemIssue[] } | null {
  if (!(error instanceof ApiError)) return { message: "Something went wrong. Try again.", issues: [] };
  const unmatched: ProblemIssue[] = [];
  const set = new Set<string>();
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    if (!field) {
      unmatched.push(issue);
    } else if (!set.has(field)) {
      set.add(field);
      setError(field, { type: "server", message: issue.message });
    }
  }
  if (set.size > 0 && unmatched.length === 0) return null;
  return { message: error.message, issues: unmatched };
}
