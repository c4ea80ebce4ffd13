import { describe, expect, it } from "vitest";
import { lockDurationMs } from "@/lib/auth/sign-in-with-password";

describe("lockDurationMs", () => {
  it("locks after each full round of failures, doubling, capped at one hour", () => {
    expect(lockDurationMs(4, 5, 60)).toBe(0);
    expect(lockDurationMs(5, 5, 60)).toBe(60_000);
    expect(lockDurationMs(10, 5, 60)).toBe(120_000);
    expect(lockDurationMs(15, 5, 60)).toBe(240_000);
    expect(lockDurationMs(100, 5, 60)).toBe(3_600_000);
  });
});
