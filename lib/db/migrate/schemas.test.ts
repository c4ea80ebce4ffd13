import { describe, expect, it } from "vitest";
import { isEmptyDiff } from "@/lib/db/migrate/diff";
import { readSourceSchema, schemaFor } from "@/lib/db/migrate/schemas";

describe("provider schemas", () => {
  it("derives PostgreSQL from the one SQLite source", () => {
    const pg = schemaFor("postgresql", readSourceSchema());
    expect(pg).toMatch(/provider = "postgresql"/);
    expect(pg).toContain("../lib/db/generated/postgresql");
    expect(pg).not.toMatch(/provider = "sqlite"/);
    expect(schemaFor("sqlite", readSourceSchema())).toBe(readSourceSchema());
  });
  it("refuses a source that does not follow the convention", () => {
    expect(() => schemaFor("postgresql", 'datasource db { provider = "postgresql" }')).toThrow(/must declare/);
  });
  it("treats comment-only diffs as empty", () => {
    expect(isEmptyDiff("-- This is an empty migration.\n\n")).toBe(true);
    expect(isEmptyDiff('-- AlterTable\nALTER TABLE "User" ADD COLUMN "x" TEXT;')).toBe(false);
  });
});
