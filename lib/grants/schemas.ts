// Grant inputs and views.
import { z } from "zod";
import { TOOL_TIERS } from "@/lib/catalog/classify";
import { ZReason } from "@/lib/identities/schemas";

export const ZGrantShortcut = z.enum(["all-read", "all-read-write", "all"]).describe("Expands to the server's approved tools of those tiers at grant time; tools added later are never granted implicitly");

export const ZCreateGrantInput = z
  .object({
    agentId: z.string().regex(/^agt_[0-9a-z]{26}$/, "not an agent id"),
    serverId: z.string().regex(/^srv_[0-9a-z]{26}$/, "not a server id"),
    toolIds: z.array(z.string().regex(/^tool_[0-9a-z]{26}$/, "not a tool id")).min(1).max(500).optional(),
    shortcut: ZGrantShortcut.optional(),
    justification: z.string().trim().min(10, "Say why the agent needs this (at least 10 characters)").max(1000, "At most 1000 characters"),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((value) => Boolean(value.toolIds) !== Boolean(value.shortcut), { message: "Give either toolIds or a shortcut", path: ["toolIds"] });
export type TCreateGrantInput = z.input<typeof ZCreateGrantInput>;

export const ZRevokeGrantInput = z.object({ reason: ZReason }).strict();

export const ZGrantTool = z.object({ toolId: z.string(), name: z.string(), scope: z.string(), tier: z.enum(TOOL_TIERS).nullable(), toolStatus: z.string(), revokedAt: z.iso.datetime().nullable() });

export const ZGrant = z.object({
  id: z.string(),
  agent: z.object({ id: z.string(), name: z.string(), slug: z.string(), status: z.string() }),
  server: z.object({ id: z.string(), name: z.string(), slug: z.string(), status: z.string() }),
  justification: z.string(),
  expiresAt: z.iso.datetime().nullable(),
  grantedById: z.string().nullable(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  revokedById: z.string().nullable(),
  revokedReason: z.string().nullable(),
  suspendedAt: z.iso.datetime().nullable().describe("When a toxic-combination policy in block mode suspended the grant (no effective access until lifted)"),
  suspendedReason: z.string().nullable().describe("The policy and the tools that made the combination toxic"),
  state: z.enum(["active", "expired", "revoked", "suspended"]),
  tools: z.array(ZGrantTool),
});
export type TGrant = z.infer<typeof ZGrant>;

export const ZListGrantsQuery = z.object({
  agentId: z.string().max(64).optional(),
  serverId: z.string().max(64).optional(),
  state: z.enum(["active", "expired", "revoked", "suspended", "all"]).default("active"),
  cursor: z.string().regex(/^grt_[0-9a-z]{26}$/, "not a cursor returned by this API").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ZEffectiveAccessQuery = z.object({
  serverId: z.string().max(64).optional(),
  agentId: z.string().max(64).optional(),
  tier: z.enum(TOOL_TIERS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const ZEffectiveAccess = z.object({
  agent: z.object({ id: z.string(), name: z.string() }),
  server: z.object({ id: z.string(), name: z.string() }),
  tool: z.object({ id: z.string(), name: z.string(), tier: z.enum(TOOL_TIERS) }),
  scope: z.string(),
  grantId: z.string(),
  expiresAt: z.iso.datetime().nullable(),
});
export type TEffectiveAccess = z.infer<typeof ZEffectiveAccess>;
