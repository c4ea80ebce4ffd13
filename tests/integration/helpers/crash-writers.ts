// Concurrent writers for the crash-safety test: each sends one kind of write
// through an instance's HTTP API over and over and records what every 2xx
// answer acknowledged (ids, jtis, event ids). A request that fails — the
// instance was killed under it — or is refused acknowledged nothing.
import crypto from "node:crypto";
import { decodeJwt } from "jose";
import { CLIENT_ASSERTION_TYPE } from "@/lib/oauth/config";
import { policyEventsEndpoint, POLICY_EVENTS_PATH } from "@/lib/policy/bundle/paths";
import { decisionEvent } from "./decision-event";
import { clientAssertion, type OAuthFixture, type TestKey } from "./oauth";

export const AGENT_TAGS = ["crash-safety", "writer", "tagged"];
export const WRITE_KINDS = ["registrations", "grants", "tokens", "events"] as const;
export type WriteKind = (typeof WRITE_KINDS)[number];
const REQUEST_TIMEOUT_MS = 15_000;
const BATCH_SIZE = 5;

export type Acknowledged = {
  agents: string[];
  grants: { id: string; agentId: string }[];
  tokens: { jti: string; assertionKey: string }[];
  events: string[];
  /** every batch sent, answered or not: all of a batch is stored or none of it */
  batches: string[][];
};

export type Tally = { acknowledged: number; failed: number; refused: Record<string, number> };

/** once: one request, true when it was acknowledged; ready: false while there is nothing to send */
type Writer = { name: WriteKind; once: (base: string) => Promise<boolean>; ready?: () => boolean };

export type WriterSetup = { f: OAuthFixture; gateway: { id: string; key: TestKey }; adminToken: string };

async function send(base: string, path: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function writers(setup: WriterSetup, acked: Acknowledged, refused: (name: WriteKind, status: number) => void): Writer[] {
  const { f, gateway, adminToken } = setup;
  const toolIds = ["read_ledger", "post_entry", "wire_money"].map((name) => f.tool(name).id);
  const ungranted: string[] = [];
  let serial = 0;
  const json = (body: unknown) => ({ method: "POST", headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return [
    {
      name: "registrations",
      once: async (base) => {
        serial += 1;
        const reply = await send(base, "/api/v1/agents", json({ name: `Crash agent ${serial} ${crypto.randomUUID().slice(0, 8)}`, ownerId: f.owner.id, environment: "development", dpopRequired: false, tags: AGENT_TAGS }));
        if (reply.status >= 300) return (refused("registrations", reply.status), false);
        acked.agents.push(String(reply.body.id));
        ungranted.push(String(reply.body.id));
        return true;
      },
    },
    {
      name: "grants",
      ready: () => ungranted.length > 0,
      once: async (base) => {
        const agentId = ungranted.shift()!;
        const reply = await send(base, "/api/v1/grants", json({ agentId, serverId: f.server.id, toolIds, justification: "crash-safety test: a grant of three tools" }));
        if (reply.status >= 300) return (refused("grants", reply.status), false);
        acked.grants.push({ id: String(reply.body.id), agentId });
        return true;
      },
    },
    {
      name: "tokens",
      once: async (base) => {
        const assertion = await clientAssertion(f.agent.clientId, f.agentKey);
        const form = new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion, resource: f.server.resourceUri! });
        const reply = await send(base, "/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
        if (reply.status >= 300) return (refused("tokens", reply.status), false);
        acked.tokens.push({ jti: String(decodeJwt(String(reply.body.access_token)).jti), assertionKey: `assertion:${f.agent.clientId}:${String(decodeJwt(assertion).jti)}` });
        return true;
      },
    },
    {
      name: "events",
      once: async (base) => {
        const ids = Array.from({ length: BATCH_SIZE }, () => `crash-${crypto.randomUUID()}`);
        acked.batches.push(ids);
        const events = ids.map((id, index) => decisionEvent(f, index % 2 === 0 ? { id } : { id, decision: "deny", status: 403, error: "insufficient_scope" }));
        const authorization = `Bearer ${await clientAssertion(gateway.id, gateway.key, { claims: { aud: policyEventsEndpoint() } })}`;
        const reply = await send(base, POLICY_EVENTS_PATH, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify({ events }) });
        if (reply.status >= 300) return (refused("events", reply.status), false);
        acked.events.push(...ids);
        return true;
      },
    },
  ];
}

export function emptyAcknowledged(): Acknowledged {
  return { agents: [], grants: [], tokens: [], events: [], batches: [] };
}

/**
 * Runs `concurrency` loops of every writer against `base` until `stop` is
 * called; resolves (after the last answer or failure) with each writer's tally.
 * `onAcknowledged` hears of each acknowledgement as soon as it is recorded.
 */
export function startWriters(base: string, setup: WriterSetup, acked: Acknowledged, options: { concurrency: number; onAcknowledged?: (kind: WriteKind) => void }) {
  const tallies: Record<string, Tally> = {};
  const tally = (name: string) => (tallies[name] ??= { acknowledged: 0, failed: 0, refused: {} });
  const refused = (name: string, status: number) => {
    const entry = tally(name);
    entry.refused[status] = (entry.refused[status] ?? 0) + 1;
  };
  let stopped = false;
  let inFlight = 0;
  const loops = writers(setup, acked, refused).flatMap((writer) =>
    Array.from({ length: options.concurrency }, async () => {
      while (!stopped) {
        if (writer.ready && !writer.ready()) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          continue;
        }
        inFlight += 1;
        let acknowledged = false;
        try {
          acknowledged = await writer.once(base);
        } catch {
          tally(writer.name).failed += 1;
        } finally {
          inFlight -= 1;
        }
        if (acknowledged) {
          tally(writer.name).acknowledged += 1;
          options.onAcknowledged?.(writer.name);
        }
      }
    }),
  );
  return {
    /** stops the loops; returns how many requests were in flight */
    stop: () => {
      stopped = true;
      return inFlight;
    },
    done: Promise.all(loops).then(() => tallies),
  };
}
