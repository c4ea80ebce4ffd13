// A decision event as an enforcement point reports it (lib/policy/events/schema.ts):
// the fixture's agent calling read_ledger on the fixture's server, allowed.
import crypto from "node:crypto";
import type { DecisionEvent } from "@/lib/policy/events/schema";
import type { OAuthFixture } from "./oauth";

export function decisionEvent(f: OAuthFixture, overrides: Partial<DecisionEvent> = {}): DecisionEvent {
  return {
    id: `evt-${crypto.randomUUID()}`,
    type: "decision",
    at: new Date().toISOString(),
    serverId: f.server.id,
    agentId: f.agent.id,
    clientId: f.agent.clientId,
    method: "tools/call",
    tool: "read_ledger",
    scope: f.scope("read_ledger"),
    tokenJti: null,
    act: [],
    policyRevision: null,
    decision: "allow",
    status: null,
    error: null,
    reason: null,
    latencyMs: 1,
    ...overrides,
  };
}
