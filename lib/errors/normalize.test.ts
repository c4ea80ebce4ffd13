import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { normalizeError } from "@/lib/errors/normalize";

describe("normalizeError", () => {
  it("maps zod errors to 422 with field paths and names unknown keys", () => {
    const result = z.object({ name: z.string().min(1), nested: z.object({ n: z.number() }) }).strict().safeParse({ name: "", nested: { n: "x" }, extra: 1 });
    const error = normalizeError(result.error);
    expect(error.status).toBe(422);
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(["extra", "name", "nested.n"]);
  });
  it("maps Prisma unique violations to 409 and missing records to 404", () => {
    expect(normalizeError({ code: "P2002", meta: { target: ["email"] } })).toMatchObject({ code: "conflict", issues: [{ path: "email" }] });
    expect(normalizeError({ code: "P2025" }).status).toBe(404);
  });
  it("hides anything unexpected behind a generic 500", () => {
    const error = normalizeError(new Error("connection string postgres://secret@db"));
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(500);
    expect(error.message).not.toContain("secret");
  });
});
