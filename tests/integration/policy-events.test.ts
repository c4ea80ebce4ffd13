// Warden's ingestion of enforcement events (POST /policy/v1/events) over a
// real socket: batches stored in the audit log attributed to the reporting
// gateway, idempotent by event id (a retried or concurrent duplicate batch
// stores nothing twice), precise 4xx for bad batches with nothing stored, and
// nothing learnt about servers outside the gateway's view. Then the SDK's
// sink: it retries through an outage without duplicates and bounds its buffer.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DecisionEventSink } from "@/lib/gateway/decision-events";
import { ISSUER } from "@/lib/oauth/config";
import { POLICY_EVENTS_PATH, policyEventsEndpoint } from "@/lib/policy/bundle/paths";
import type { EnforcementEvent } from "@/lib/policy/events/schema";
import { clientAssertion, keyedGateway, oauthFixture, type OAuthFixture, type TestKey } from "./helpers/oauth";
import { startFastRoutesServer } from "./helpers/fast-routes-server";

let warden: Awaited<ReturnType<typeof startFastRoutesServer>>;
let f: OAuthFixture;
let gateway: { id: string; key: TestKey };

beforeAll(async () => {
  warden = await startFastRoutesServer();
  f = await oauthFixture();
  gateway = await keyedGateway(f);
});

afterAll(async () => {
  await warden.close();
});

function decision(overrides: Partial<EnforcementEvent> = {}): EnforcementEvent {
  return {
    type: "decision",
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    serverId: f.server.id,
    agentId: f.agent.id,
    clientId: f.agent.clientId,
    method: "tools/call",
    tool: "wire_money",
    scope: f.scope("wire_money"),
    tokenJti: "at_test",
    act: [],
    policyRevision: 7,
    decision: "deny",
    status: 403,
    error: "insufficient_scope",
    reason: "The access token does not carry the scope of wire_money",
    latencyMs: 0.42,
    ...overrides,
  } as EnforcementEvent;
}

function toolCall(): EnforcementEvent {
  const { serverId, agentId, clientId, tokenJti, act, policyRevision } = decision();
  return { type: "tool_call", id: crypto.randomUUID(), at: new Date().toISOString(), serverId, agentId, clientId, method: "tools/call", tool: "read_ledger", scope: f.scope("read_ledger"), tokenJti, act, policyRevision, result: "success", durationMs: 12 };
}

const bearer = async (id = gateway.id, key = gateway.key) => `Bearer ${await clientAssertion(id, key, { claims: { aud: policyEventsEndpoint() } })}`;

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${warden.origin}${POLICY_EVENTS_PATH}`, { method: "POST", headers: { "content-type": "application/json", authorization: await bearer(), ...headers }, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const storedBy = (actorId: string) => db().auditEvent.count({ where: { actorId, action: { in: ["mcp.decision", "mcp.tool_call"] } } });

describe("POST /policy/v1/events", () => {
  it("stores a batch in the audit log, attributed to the gateway, and a retried batch only once", async () => {
    const events = [decision(), toolCall()];
    const before = await storedBy(gateway.id);
    expect(await post(JSON.stringify({ events }))).toEqual({ status: 200, body: { stored: 2, duplicates: 0 } });
    expect(await post(JSON.stringify({ events }))).toEqual({ status: 200, body: { stored: 0, duplicates: 2 } });
    expect(await storedBy(gateway.id)).toBe(before + 2);

    const rows = await db().auditEvent.findMany({ where: { actorId: gateway.id }, orderBy: { seq: "desc" }, take: 2 });
    const denied = rows.find((row) => row.action === "mcp.decision")!;
    expect(denied).toMatchObject({ actorType: "identity", actorId: gateway.id, targetType: "identity", targetId: f.server.id, outcome: "denied" });
    expect(denied.details).toMatchObject({ eventId: events[0]!.id, reportedBy: gateway.id, agentId: f.agent.id, tool: "wire_money", scope: f.scope("wire_money"), decision: "deny", status: 403, policyRevision: 7 });
    expect(rows.find((row) => row.action === "mcp.tool_call")).toMatchObject({ outcome: "success" });
  });

  it("stores a batch sent twice at the same time once", async () => {
    const events = Array.from({ length: 20 }, () => decision());
    const before = await storedBy(gateway.id);
    const replies = await Promise.all([post(JSON.stringify({ events })), post(JSON.stringify({ events }))]);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
    expect(replies.reduce((sum, reply) => sum + (reply.body.stored as number), 0)).toBe(20);
    expect(await storedBy(gateway.id)).toBe(before + 20);
  });

  it.each([
    ["not JSON", () => "{", 400, "not valid JSON"],
    ["no events", () => JSON.stringify({ events: [] }), 400, "events"],
    ["more than 500 events", () => JSON.stringify({ events: Array.from({ length: 501 }, () => decision()) }), 400, "events"],
    ["an unknown field", () => JSON.stringify({ events: [{ ...decision(), extra: 1 }] }), 400, "Unrecognized key"],
    ["an unknown event type", () => JSON.stringify({ events: [{ ...decision(), type: "login" }] }), 400, "events.0.type"],
    ["a short event id", () => JSON.stringify({ events: [decision({ id: "x" })] }), 400, "events.0.id"],
    ["a bad decision", () => JSON.stringify({ events: [decision(), decision({ decision: "maybe" as "allow" })] }), 400, "events.1.decision"],
    ["a negative latency", () => JSON.stringify({ events: [decision({ latencyMs: -1 } as Partial<EnforcementEvent>)] }), 400, "events.0.latencyMs"],
    ["a body over 1 MiB", () => JSON.stringify({ events: [decision({ reason: "x".repeat(1_100_000) } as Partial<EnforcementEvent>)] }), 413, "at most"],
  ])("refuses %s and stores nothing", async (_name, body, status, description) => {
    const before = await storedBy(gateway.id);
    const reply = await post(body());
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ error: "invalid_request", error_description: expect.stringContaining(description) });
    expect(await storedBy(gateway.id)).toBe(before);
  });

  it("refuses events about servers outside the gateway's view alike, whether they exist or not", async () => {
    const other = await oauthFixture();
    const before = await storedBy(gateway.id);
    const foreign = await post(JSON.stringify({ events: [decision(), decision({ serverId: other.server.id })] }));
    const unknown = await post(JSON.stringify({ events: [decision(), decision({ serverId: "srv_does_not_exist" })] }));
    expect(foreign).toEqual({ status: 403, body: { error: "access_denied", error_description: "events.1.serverId: not a server this identity fronts" } });
    expect(unknown).toEqual(foreign);
    expect(await storedBy(gateway.id)).toBe(before);
  });

  it("refuses another content type (415), no credential (401) and an agent (403)", async () => {
    const body = JSON.stringify({ events: [decision()] });
    expect((await post(body, { "content-type": "text/plain" })).status).toBe(415);
    const anonymous = await post(body, { authorization: "" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: "invalid_token" });
    expect((await post(body, { authorization: await bearer(f.agent.clientId, f.agentKey) })).status).toBe(403);
    expect(await storedBy(f.agent.id)).toBe(0);
  });
});

describe("the SDK's event sink", () => {
  const routedTo = (origin: string): typeof fetch => async (input, init) => fetch(String(input instanceof Request ? input.url : input).replace(ISSUER(), origin), init);

  it("keeps events through an outage and sends them once when Warden is back, even after a lost answer", async () => {
    let mode: "down" | "lose-answer" | "up" = "down";
    const attempts: string[] = [];
    const flaky: typeof fetch = async (input, init) => {
      attempts.push(mode);
      if (mode === "down") throw new TypeError("fetch failed: ECONNREFUSED");
      const response = await routedTo(warden.origin)(input, init);
      if (mode === "lose-answer") throw new TypeError("fetch failed: socket hang up");
      return response;
    };
    const sink = new DecisionEventSink({ issuer: ISSUER(), identityId: gateway.id, key: { privateKey: gateway.key.privateKey, kid: gateway.key.kid, alg: gateway.key.alg }, fetch: flaky });
    const events = Array.from({ length: 3 }, () => decision());
    for (const event of events) sink.emit(event);
    const before = await storedBy(gateway.id);

    expect(await sink.flush()).toBe(false);
    expect(sink.stats()).toMatchObject({ buffered: 3, sent: 0, failedAttempts: 1 });
    mode = "lose-answer";
    expect(await sink.flush()).toBe(false);
    expect(await storedBy(gateway.id)).toBe(before + 3); // Warden stored them; the sink could not know
    mode = "up";
    expect(await sink.flush()).toBe(true);
    expect(sink.stats()).toMatchObject({ buffered: 0, sent: 3, dropped: 0, failedAttempts: 2 });
    expect(await storedBy(gateway.id)).toBe(before + 3);
    expect(attempts).toEqual(["down", "lose-answer", "up"]);
  });

  it("bounds its buffer, dropping and counting the oldest events", async () => {
    const sink = new DecisionEventSink({ issuer: ISSUER(), identityId: gateway.id, key: { privateKey: gateway.key.privateKey, kid: gateway.key.kid, alg: gateway.key.alg }, fetch: routedTo(warden.origin), maxBuffered: 5 });
    const events = Array.from({ length: 8 }, () => decision());
    for (const event of events) sink.emit(event);
    expect(sink.stats()).toMatchObject({ buffered: 5, dropped: 3 });
    expect(await sink.flush()).toBe(true);
    const stored = await db().auditEvent.findMany({ where: { actorId: gateway.id, action: "mcp.decision" }, orderBy: { seq: "desc" }, take: 5 });
    expect(stored.map((row) => (row.details as { eventId: string }).eventId).sort()).toEqual(events.slice(3).map((event) => event.id).sort());
  });
});
