import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration";

describe("parseDuration", () => {
  it("reads minutes, hours, days and weeks", () => {
    expect(parseDuration("90m")).toBe(90 * 60_000);
    expect(parseDuration("12h")).toBe(12 * 3_600_000);
    expect(parseDuration("30d")).toBe(30 * 86_400_000);
    expect(parseDuration("2w")).toBe(14 * 86_400_000);
  });
  it("refuses anything else", () => {
    for (const bad of ["", "30", "d", "-1d", "0d", "1.5d", "30 days", "1y"]) expect(() => parseDuration(bad)).toThrow();
  });
});
