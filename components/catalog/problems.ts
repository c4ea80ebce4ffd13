// An API failure as a form problem (message plus every field issue), for dialogs without per-field placement.
import type { FormProblem } from "@/components/identities/problem-alert";
import { ApiError } from "@/lib/query/api-fetch";

export function toProblem(error: unknown): FormProblem {
  if (error instanceof ApiError) return { message: error.message, issues: error.issues };
  return { message: "Something went wrong. Try again.", issues: [] };
}
