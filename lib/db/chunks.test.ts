import { describe, expect, it } from "vitest";
import { chunks, IDS_PER_QUERY } from "@/lib/db/chunks";

describe("chunks", () => {
  it("slices a list in order, the last slice shorter", () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks(["a", "b"], 2)).toEqual([["a", "b"]]);
  });

  it("gives no slice for an empty list", () => {
    expect(chunks([], 3)).toEqual([]);
  });

  it("keeps every slice within SQLite's 999 bound parameters by default", () => {
    const ids = Array.from({ length: 2_345 }, (_, index) => `id_${index}`);
    const slices = chunks(ids);
    expect(slices.map((slice) => slice.length)).toEqual([500, 500, 500, 500, 345]);
    expect(slices.flat()).toEqual(ids);
    expect(IDS_PER_QUERY).toBeLessThanOrEqual(999);
  });

  it("refuses a size that would never end", () => {
    expect(() => chunks([1], 0)).toThrow(RangeError);
    expect(() => chunks([1], 1.5)).toThrow(RangeError);
  });
});
