// What a domain call refused with: its AppError code, message and field issues
// (or "zod" when the input schema refused it). Fails the test when the call succeeds.
import { AppError } from "@/lib/errors/app-error";

export type Refusal = { code: string; message: string; issues?: { path: string; message: string }[] };

export async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, issues: error.issues };
    if ((error as { name?: string }).name === "ZodError") return { code: "zod", message: String(error) };
    throw error;
  }
  throw new Error("expected a refusal");
}
