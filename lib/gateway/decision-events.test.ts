// The event sink's retry timing: exponential backoff after a failure, and
// Warden's (or a proxy's) Retry-After when a 429 or 503 names a longer wait.
import crypto from "node:crypto";
import { generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { DecisionEventSink, retryAfterMs } from "@/lib/gateway/decision-events";
import type { EnforcementEvent } from "@/lib/policy/events/schema";

const event = (): EnforcementEvent =>
  ({
    type: "decision",
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    serverId: "srv_x",
    agentId: "agt_x",
    clientId: "cli_x",
    method: "tools/call",
    tool: "t",
    scope: "mcp:x:t",
    tokenJti: "at_x",
    act: [],
    policyRevision: 1,
    decision: "allow",
    status: 200,
    error: null,
    reason: null,
    latencyMs: 1,
  }) as EnforcementEvent;

async function sinkAnswering(answers: (() => Response)[]) {
  const { privateKey } = await generateKeyPair("ES256");
  const calls: string[] = [];
  const sink = new DecisionEventSink({
    issuer: "https://warden.example",
    identityId: "gtw_x",
    key: { privateKey, kid: "k1", alg: "ES256" },
    fetch: async (input) => {
      calls.push(String(input));
      return answers.shift()!();
    },
  });
  sink.emit(event());
  return { sink, calls };
}

describe("retryAfterMs", () => {
  const now = Date.parse("2026-11-27T00:00:00Z");
  it("reads delay-seconds and HTTP dates, ignores what it cannot read, and caps the wait at 10 minutes", () => {
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs(" 120 ", now)).toBe(120_000);
    expect(retryAfterMs("Fri, 27 Nov 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Thu, 26 Nov 2026 23:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBe(0);
    expect(retryAfterMs("-5", now)).toBe(0);
    expect(retryAfterMs(null, now)).toBe(0);
    expect(retryAfterMs("86400", now)).toBe(600_000);
  });
});

describe("DecisionEventSink retries", () => {
  it("waits as long as a 429's Retry-After says when that is longer than its backoff", async () => {
    const { sink, calls } = await sinkAnswering([() => new Response(JSON.stringify({ error: "rate_limited" }), { status: 429, headers: { "retry-after": "42" } })]);
    const before = Date.now();
    expect(await sink.flush()).toBe(false);
    const { retryAt, buffered, failedAttempts } = sink.stats();
    expect({ buffered, failedAttempts, calls: calls.length }).toEqual({ buffered: 1, failedAttempts: 1, calls: 1 });
    expect(retryAt - before).toBeGreaterThanOrEqual(42_000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(42_000);
  });

  it("keeps its own backoff when Retry-After is shorter or absent, and clears the wait once sent", async () => {
    const { sink } = await sinkAnswering([
      () => new Response("busy", { status: 503 }),
      () => new Response("busy", { status: 503, headers: { "retry-after": "0" } }),
      () => new Response(null, { status: 202 }),
    ]);
    const before = Date.now();
    expect(await sink.flush()).toBe(false);
    expect(sink.stats().retryAt - before).toBeGreaterThanOrEqual(1000);
    expect(sink.stats().retryAt - before).toBeLessThan(2000);
    const second = Date.now();
    expect(await sink.flush()).toBe(false);
    expect(sink.stats().retryAt - second).toBeGreaterThanOrEqual(2000);
    expect(await sink.flush()).toBe(true);
    expect(sink.stats()).toMatchObject({ buffered: 0, sent: 1, failedAttempts: 2, retryAt: 0 });
  });
});
