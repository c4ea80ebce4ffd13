import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { nextWindow, parseRateLimit, positions, retryAfterSeconds, verdict } from "@/lib/rate-limit/window";

describe("parseRateLimit", () => {
  it("reads requests per window, a bare number per the default window, and 0 or off", () => {
    expect(parseRateLimit("600/1m", 60)).toEqual({ limit: 600, windowSeconds: 60 });
    expect(parseRateLimit("10/15m", 60)).toEqual({ limit: 10, windowSeconds: 900 });
    expect(parseRateLimit(" 1000/1H ", 60)).toEqual({ limit: 1000, windowSeconds: 3600 });
    expect(parseRateLimit("5/30s", 60)).toEqual({ limit: 5, windowSeconds: 30 });
    expect(parseRateLimit("1200", 60)).toEqual({ limit: 1200, windowSeconds: 60 });
    expect(parseRateLimit("20", 900)).toEqual({ limit: 20, windowSeconds: 900 });
    expect(parseRateLimit("0", 60)).toBeNull();
    expect(parseRateLimit("0/1m", 60)).toBeNull();
    expect(parseRateLimit("off", 60)).toBeNull();
  });

  it("names what is wrong", () => {
    for (const text of ["", "ten", "-1", "600/", "600/m", "600/1d", "600 per minute", "1.5/1m"]) expect(parseRateLimit(text, 60), text).toHaveProperty("problem");
    expect(parseRateLimit("5/0s", 60)).toEqual({ problem: "the window must be between 1s and 24h" });
    expect(parseRateLimit("5/25h", 60)).toEqual({ problem: "the window must be between 1s and 24h" });
    expect(parseRateLimit("1000000001/1m", 60)).toHaveProperty("problem");
  });

  it("is how the environment is read: defaults, overrides, and a message naming the variable", () => {
    const defaults = parseEnv({});
    expect(defaults.WARDEN_RATE_LIMIT_TOKEN_PER_CLIENT).toEqual({ limit: 600, windowSeconds: 60 });
    expect(defaults.WARDEN_RATE_LIMIT_TOKEN_PER_IP).toEqual({ limit: 6000, windowSeconds: 60 });
    expect(defaults.WARDEN_RATE_LIMIT_SIGN_IN_PER_EMAIL).toEqual({ limit: 20, windowSeconds: 900 });
    expect(defaults.WARDEN_RATE_LIMIT_SIGN_IN_PER_IP).toEqual({ limit: 100, windowSeconds: 900 });
    const set = parseEnv({ WARDEN_RATE_LIMIT_TOKEN_PER_IP: "0", WARDEN_RATE_LIMIT_SIGN_IN_PER_EMAIL: "5" });
    expect(set.WARDEN_RATE_LIMIT_TOKEN_PER_IP).toBeNull();
    expect(set.WARDEN_RATE_LIMIT_SIGN_IN_PER_EMAIL).toEqual({ limit: 5, windowSeconds: 900 });
    expect(() => parseEnv({ WARDEN_RATE_LIMIT_INGEST_PER_CLIENT: "lots" })).toThrow(/WARDEN_RATE_LIMIT_INGEST_PER_CLIENT: must be 0 or off/);
  });
});

describe("window arithmetic", () => {
  const now = 1_800_000_000_000;

  it("starts a window at the first request and adds to it until it ends", () => {
    const first = nextWindow(null, 1, now, 60);
    expect(first).toEqual({ count: 1, resetAtMs: now + 60_000 });
    const second = nextWindow(first, 3, now + 59_999, 60);
    expect(second).toEqual({ count: 4, resetAtMs: now + 60_000 });
    // at the end of the window the next request starts a new one, from its own time
    expect(nextWindow(second, 2, now + 60_000, 60)).toEqual({ count: 2, resetAtMs: now + 120_000 });
    expect(nextWindow(second, 1, now + 95_000, 60)).toEqual({ count: 1, resetAtMs: now + 155_000 });
  });

  it("gives requests counted together consecutive places ending at the new count", () => {
    expect(positions(1, 1)).toEqual([1]);
    expect(positions(7, 3)).toEqual([5, 6, 7]);
    expect(positions(3, 3)).toEqual([1, 2, 3]);
  });

  it("allows up to the limit, refuses after it, and marks only the first refusal of a window", () => {
    expect(verdict(1, 3, now + 60_000, now)).toEqual({ allowed: true });
    expect(verdict(3, 3, now + 60_000, now)).toEqual({ allowed: true });
    expect(verdict(4, 3, now + 60_000, now)).toEqual({ allowed: false, retryAfterSeconds: 60, firstRefusal: true });
    expect(verdict(5, 3, now + 60_000, now)).toEqual({ allowed: false, retryAfterSeconds: 60, firstRefusal: false });
  });

  it("rounds Retry-After up to whole seconds, never below one", () => {
    expect(retryAfterSeconds(now + 59_001, now)).toBe(60);
    expect(retryAfterSeconds(now + 59_000, now)).toBe(59);
    expect(retryAfterSeconds(now + 1, now)).toBe(1);
    expect(retryAfterSeconds(now, now)).toBe(1);
    expect(retryAfterSeconds(now - 5_000, now)).toBe(1);
  });
});
