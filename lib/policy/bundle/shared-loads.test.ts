import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { KEEP_LOADED_MS, keptLoads, releaseIdleLoads, sharedLoad } from "@/lib/policy/bundle/shared-loads";

describe("shared bundle loads", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-27T12:00:00Z"));
    releaseIdleLoads(Number.POSITIVE_INFINITY);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("loads once per server set and revision, and again for a new revision", async () => {
    const load = vi.fn(async () => ({ rows: 1 }));
    const first = sharedLoad("*", 7n, load);
    expect(sharedLoad("*", 7n, load)).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
    await sharedLoad("srv_a", 7n, load);
    await sharedLoad("*", 8n, load);
    expect(load).toHaveBeenCalledTimes(3);
    expect(keptLoads()).toBe(2);
  });

  it("drops a load KEEP_LOADED_MS after its last use, so the next view loads again", async () => {
    const load = vi.fn(async () => ({ rows: 1 }));
    await sharedLoad("*", 7n, load);
    vi.setSystemTime(Date.now() + KEEP_LOADED_MS - 1000);
    // a use keeps it for another KEEP_LOADED_MS
    await sharedLoad("*", 7n, load);
    vi.setSystemTime(Date.now() + KEEP_LOADED_MS - 1);
    expect(releaseIdleLoads()).toBe(0);
    expect(keptLoads()).toBe(1);
    vi.setSystemTime(Date.now() + 1);
    expect(releaseIdleLoads()).toBe(1);
    expect(keptLoads()).toBe(0);
    await sharedLoad("*", 7n, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("does not keep a load that failed", async () => {
    const failing = vi.fn(async () => {
      throw new Error("database down");
    });
    await expect(sharedLoad("*", 9n, failing)).rejects.toThrow("database down");
    const load = vi.fn(async () => ({ rows: 1 }));
    await sharedLoad("*", 9n, load);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
