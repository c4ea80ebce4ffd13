// Puts field problems from an ApiError onto react-hook-form fields; returns the
// message for the form as a whole when no field matched.
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError } from "@/lib/query/api-fetch";

export function applyApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly Path<T>[]): string | null {
  if (!(error instanceof ApiError)) return "Something went wrong. Try again.";
  let matched = false;
  for (const issue of error.issues) {
    const field = fields.find((name) => name === issue.path);
    if (field) {
      setError(field, { type: "server", message: issue.message });
      matched = true;
    }
  }
  return matched ? null : error.message;
}
