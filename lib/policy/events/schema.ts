// Decision and tool-call events, as enforcement points send them to Warden's
// ingestion endpoint (POST /policy/v1/events). Shared by the enforcement SDK
// (lib/gateway/decision-events.ts) and Warden (lib/policy/events/), so it
// imports nothing but zod. docs/policy-bundle.md documents every field.
import { z } from "zod";

export const MAX_EVENTS_PER_BATCH = 500;

const ZId = z.string().min(1).max(100);
const ZText = (max: number) => z.string().max(max);

const ZEventBase = z.strictObject({
  /** chosen by the enforcement point, unique per event: a retried batch carries the same ids and is stored once */
  id: z.string().regex(/^[A-Za-z0-9._:-]{8,100}$/, "must be 8–100 letters, digits or . _ : -"),
  at: z.iso.datetime({ offset: true }),
  serverId: ZId,
  /** the token's subject (the calling agent), null when the request carried no readable token */
  agentId: ZId.nullable(),
  clientId: ZText(200).nullable(),
  /** the JSON-RPC method (tools/call, tools/list, initialize…) or the HTTP method for requests without one */
  method: ZText(100),
  tool: ZText(200).nullable(),
  scope: ZText(300).nullable(),
  tokenJti: ZText(200).nullable(),
  /** the act chain, nearest actor first (empty for an agent's own token) */
  act: z.array(ZId).max(16),
  /** the policy revision the decision was made with */
  policyRevision: z.number().int().nonnegative().nullable(),
});

export const ZDecisionEvent = ZEventBase.extend({
  type: z.literal("decision"),
  decision: z.enum(["allow", "deny"]),
  /** the HTTP status of a refusal (401, 403, 503) */
  status: z.number().int().min(100).max(599).nullable(),
  /** the refusal's OAuth error code and description */
  error: ZText(100).nullable(),
  reason: ZText(500).nullable(),
  /** time the enforcement point took to decide */
  latencyMs: z.number().nonnegative().max(600_000),
});

export const ZToolCallEvent = ZEventBase.extend({
  type: z.literal("tool_call"),
  /** whether the tool reported success (result without isError) */
  result: z.enum(["success", "error"]),
  /** from the allow decision to the tool's response */
  durationMs: z.number().nonnegative().max(3_600_000),
});

export const ZEnforcementEvent = z.discriminatedUnion("type", [ZDecisionEvent, ZToolCallEvent]);

export const ZEventBatch = z.strictObject({
  events: z.array(ZEnforcementEvent).min(1).max(MAX_EVENTS_PER_BATCH),
});

export type DecisionEvent = z.infer<typeof ZDecisionEvent>;
export type ToolCallEvent = z.infer<typeof ZToolCallEvent>;
export type EnforcementEvent = z.infer<typeof ZEnforcementEvent>;
