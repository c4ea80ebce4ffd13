// Maps anything thrown into an AppError: zod issues → 422 with field paths,
// Prisma unique violations → 409, record-not-found → 404, the rest → a 500 that
// reveals nothing (the original is logged by the caller, not returned).
import { ZodError } from "zod";
import { AppError, type FieldIssue } from "@/lib/errors/app-error";

export function zodIssues(error: ZodError, prefix: string[] = []): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path.map(String)];
    // name each unknown key, so the client sees which field is not accepted
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: [...base, key].join("."), message: "is not a known field" }));
    }
    return [{ path: base.join(".") || "(root)", message: issue.message }];
  });
}

type PrismaLike = { code?: unknown; meta?: Record<string, unknown>; name?: unknown };

function prismaTarget(meta: Record<string, unknown> | undefined): string {
  const target = meta?.target ?? (meta?.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined)?.cause?.constraint?.fields;
  if (Array.isArray(target)) return target.map(String).join(", ");
  if (typeof target === "string") return target;
  return "a unique field";
}

export function normalizeError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError("validation_failed", "The request is not valid", { issues: zodIssues(error) });
  const prisma = error as PrismaLike;
  if (prisma && typeof prisma === "object" && typeof prisma.code === "string") {
    if (prisma.code === "P2002") {
      const field = prismaTarget(prisma.meta);
      return new AppError("conflict", `Another record already uses this ${field}`, { issues: [{ path: field, message: "must be unique" }], cause: error });
    }
    if (prisma.code === "P2025") return new AppError("not_found", "The record was not found", { cause: error });
    if (prisma.code === "P2034") return new AppError("conflict", "A concurrent change conflicted with this one; retry", { cause: error });
  }
  return new AppError("internal", "An unexpected error occurred", { cause: error });
}
