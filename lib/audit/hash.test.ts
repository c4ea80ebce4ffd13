import { describe, expect, it } from "vitest";
import { canonicalJson, eventHash, GENESIS_HASH, type ChainedFields } from "@/lib/audit/hash";

const base: ChainedFields = {
  seq: 7n,
  id: "evt_1",
  occurredAt: new Date("2026-11-26T10:00:00.123Z"),
  actorType: "user",
  actorId: "usr_1",
  actorLabel: "a@example.test",
  action: "server.registered",
  targetType: "server",
  targetId: "srv_1",
  outcome: "success",
  requestId: "req_1",
  ip: "203.0.113.1",
  userAgent: "ua",
  details: { b: 1, a: { d: [1, "x", null], c: true } },
  prevHash: GENESIS_HASH,
};

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: undefined, b: [{ z: 1, y: 2 }] } })).toBe('{"a":{"b":[{"y":2,"z":1}],"d":2},"b":1}');
  });
  it("encodes bigints and dates as strings", () => {
    expect(canonicalJson({ n: 12n, at: new Date("2026-01-01T00:00:00Z") })).toBe('{"at":"2026-01-01T00:00:00.000Z","n":"12"}');
  });
});

describe("eventHash", () => {
  it("does not depend on key order of details (jsonb reorders keys)", () => {
    expect(eventHash({ ...base, details: { a: { c: true, d: [1, "x", null] }, b: 1 } })).toBe(eventHash(base));
  });
  it("changes with every chained field", () => {
    const original = eventHash(base);
    const variants: Partial<ChainedFields>[] = [
      { seq: 8n },
      { occurredAt: new Date("2026-11-26T10:00:00.124Z") },
      { actorLabel: "b@example.test" },
      { action: "user.created" },
      { targetId: "srv_2" },
      { outcome: "failure" },
      { details: { b: 2, a: { d: [1, "x", null], c: true } } },
      { prevHash: "1".repeat(64) },
    ];
    for (const variant of variants) expect(eventHash({ ...base, ...variant }), JSON.stringify(Object.keys(variant))).not.toBe(original);
  });
  it("ignores columns outside the chained fields", () => {
    expect(eventHash({ ...base, hash: "x", extraIndexColumn: 1 } as ChainedFields)).toBe(eventHash(base));
  });
});
