import { describe, expect, it } from "vitest";
import { unstorableText } from "@/lib/api/storable-text";

describe("unstorableText", () => {
  it("passes ordinary text, astral characters and non-strings", () => {
    expect(unstorableText({ name: "Ledger 😀 é 中", tags: ["a", "b"], n: 1, ok: true, none: null })).toBeNull();
    expect(unstorableText("x")).toBeNull();
    expect(unstorableText(undefined)).toBeNull();
  });

  it("names where a NUL is, in values and in field names", () => {
    expect(unstorableText({ tools: [{ name: "ok" }, { name: "a\u0000b" }] })).toEqual({ path: ["tools", "1", "name"], message: "must not contain NUL characters" });
    expect(unstorableText({ inputSchema: { "k\u0000": 1 } })).toEqual({ path: ["inputSchema", "k\u0000"], message: "the field name must not contain NUL characters" });
    expect(unstorableText("\u0000")).toEqual({ path: [], message: "must not contain NUL characters" });
  });

  it("refuses unpaired surrogates, not pairs", () => {
    expect(unstorableText({ a: "x\udfffy" })?.path).toEqual(["a"]);
    expect(unstorableText({ a: "x\ud800" })?.path).toEqual(["a"]);
    expect(unstorableText({ a: "\ud83d\ude00" })).toBeNull();
  });

  it("walks deep nesting without overflowing the stack", () => {
    let deep: unknown = "\u0000";
    for (let depth = 0; depth < 100_000; depth += 1) deep = [deep];
    expect(unstorableText(deep)?.path).toHaveLength(100_000);
  });
});
