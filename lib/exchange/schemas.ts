// Exchange policy inputs and views.
import { z } from "zod";
import { ZReason } from "@/lib/identities/schemas";

// OAuth scope tokens (RFC 6749 §3.3): printable ASCII without space, quote or backslash
const ZScopeToken = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,200}$/, "A scope is 1-200 printable characters without spaces, quotes or backslashes");

export const ZCreateExchangePolicyInput = z
  .object({
    serverId: z.string().regex(/^srv_[0-9a-z]{26}$/, "not a server id"),
    resourceId: z.string().regex(/^(res|srv)_[0-9a-z]{26}$/, "not a resource or server id").describe("A downstream resource, or another MCP server (for delegation chains of several hops)"),
    scopes: z.array(ZScopeToken).min(1, "Allow at least one downstream scope").max(100).transform((scopes) => [...new Set(scopes)].sort()),
    maxDepth: z.number().int().min(1, "At least 1").max(8, "At most 8").default(4),
  })
  .strict();

export const ZRevokeExchangePolicyInput = z.object({ reason: ZReason }).strict();

export const ZExchangePolicy = z.object({
  id: z.string(),
  server: z.object({ id: z.string(), name: z.string(), resourceUri: z.string().nullable() }),
  resource: z.object({ id: z.string(), name: z.string(), audienceUri: z.string().nullable() }),
  scopes: z.array(z.string()),
  maxDepth: z.number().int(),
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  revokedReason: z.string().nullable(),
});
export type TExchangePolicy = z.infer<typeof ZExchangePolicy>;

export const ZListExchangePoliciesQuery = z.object({
  serverId: z.string().max(64).optional(),
  resourceId: z.string().max(64).optional(),
  includeRevoked: z.enum(["true", "false"]).optional(),
});
