// The delegation chain of a token, as the explorer draws it: the agent's
// token, the exchanges servers made from it (each naming the caller in a
// nested `act`), what was decided and called with each token, and revocations.
import { z } from "zod";

const ZActClaim: z.ZodType<{ sub: string; act?: unknown }> = z.object({ sub: z.string(), act: z.unknown().optional() });

export const ZChainToken = z.object({
  jti: z.string(),
  parentJti: z.string().nullable(),
  eventId: z.string(),
  seq: z.string(),
  action: z.string().describe("token.issued (the agent's own token) or token.exchanged"),
  at: z.iso.datetime(),
  agentId: z.string().nullable().describe("The original caller (the token's subject)"),
  clientId: z.string().nullable().describe("Who obtained this token: the agent, or the server that exchanged"),
  serverId: z.string().nullable(),
  resourceId: z.string().nullable(),
  resource: z.string().nullable().describe("The audience: the MCP server's or downstream resource's URI"),
  scopes: z.array(z.string()),
  tokenType: z.string().nullable(),
  depth: z.number().int(),
  act: ZActClaim.nullable(),
  expiresAt: z.string().nullable(),
  revoked: z.object({ at: z.iso.datetime(), eventId: z.string(), reason: z.string().nullable() }).nullable(),
});

export const ZChainUse = z.object({
  eventId: z.string(),
  seq: z.string(),
  action: z.string().describe("mcp.decision or mcp.tool_call"),
  at: z.iso.datetime(),
  jti: z.string(),
  serverId: z.string().nullable(),
  gatewayId: z.string().nullable(),
  reportedBy: z.string().nullable(),
  method: z.string().nullable(),
  tool: z.string().nullable(),
  scope: z.string().nullable(),
  outcome: z.string(),
  reason: z.string().nullable(),
});

export const ZDelegationChain = z.object({
  focus: z.object({ eventId: z.string(), seq: z.string(), action: z.string(), jti: z.string().nullable() }),
  tokens: z.array(ZChainToken).describe("Root first, then exchanges in the order they happened"),
  uses: z.array(ZChainUse).describe("Decisions and tool calls made with these tokens, oldest first (at most 200)"),
  truncated: z.boolean().describe("More exchanges or uses exist than are shown"),
  names: z.record(z.string(), z.string()),
});

export type TChainToken = z.infer<typeof ZChainToken>;
export type TChainUse = z.infer<typeof ZChainUse>;
export type TDelegationChain = z.infer<typeof ZDelegationChain>;
