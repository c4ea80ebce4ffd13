// Capability tags (the vocabulary of toxic-combination policies) and the tags
// on tools: inputs and public views.
import { z } from "zod";

export const CAPABILITY_TAG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])$/;
export const ZCapabilityTagId = z
  .string()
  .regex(CAPABILITY_TAG_PATTERN, "2–40 lowercase letters, digits and hyphens, not starting or ending with a hyphen")
  .describe("The tag's id, e.g. reads-private-data");

const ZName = z.string().trim().min(1, "Name is required").max(100, "At most 100 characters");
const ZDescription = z.string().trim().min(1, "Description is required").max(1000, "At most 1000 characters");

export const ZCreateCapabilityTagInput = z.object({ tag: ZCapabilityTagId, name: ZName, description: ZDescription }).strict();
export type TCreateCapabilityTagInput = z.input<typeof ZCreateCapabilityTagInput>;

// the tag id is what policies and tools refer to: it never changes
export const ZUpdateCapabilityTagInput = z
  .object({ name: ZName.optional(), description: ZDescription.optional() })
  .strict()
  .refine((input) => input.name !== undefined || input.description !== undefined, { message: "Change the name or the description" });
export type TUpdateCapabilityTagInput = z.input<typeof ZUpdateCapabilityTagInput>;

export const ZCapabilityTag = z.object({
  tag: z.string(),
  name: z.string(),
  description: z.string(),
  builtin: z.boolean(),
  usage: z.object({
    approved: z.number().int().describe("Tools on which the tag is approved"),
    proposed: z.number().int().describe("Tools on which the tag is proposed"),
    policies: z.array(z.object({ id: z.string(), name: z.string() })).describe("Toxic-combination policies that name the tag"),
  }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TCapabilityTag = z.infer<typeof ZCapabilityTag>;

export const CAPABILITY_STATUSES = ["proposed", "approved"] as const;
export const CAPABILITY_SOURCES = ["annotation", "description", "manual"] as const;

export const ZToolCapability = z.object({
  toolId: z.string(),
  tag: z.string(),
  status: z.enum(CAPABILITY_STATUSES),
  source: z.enum(CAPABILITY_SOURCES),
  reason: z.string().nullable(),
  proposedAt: z.iso.datetime(),
  approvedAt: z.iso.datetime().nullable(),
  approvedById: z.string().nullable(),
});
export type TToolCapability = z.infer<typeof ZToolCapability>;

export const ZSetToolCapabilitiesInput = z
  .object({
    tags: z.array(ZCapabilityTagId).max(50, "At most 50 tags").describe("The tool's complete set of approved tags: proposals named here are approved, tags not named are removed"),
    reject: z.array(ZCapabilityTagId).max(50).default([]).describe("Proposed tags to reject (removed; proposed again only if the tool changes)"),
  })
  .strict();
export type TSetToolCapabilitiesInput = z.input<typeof ZSetToolCapabilitiesInput>;

export const ZFlaggedAgent = z.object({ id: z.string(), name: z.string() });

export const ZSetToolCapabilitiesResult = z.object({
  toolId: z.string(),
  capabilities: z.array(ZToolCapability),
  changed: z.boolean().describe("false when the request changed nothing"),
  added: z.array(z.string()).describe("Tags approved by this change"),
  removed: z.array(z.string()).describe("Approved tags this change removed"),
  rejected: z.array(z.string()).describe("Proposals rejected"),
  reevaluatedAgents: z.number().int().describe("Agents holding the tool, re-evaluated against the toxic-combination policies"),
  flaggedAgents: z.array(ZFlaggedAgent).describe("Agents that now hold a toxic combination (review them)"),
});
export type TSetToolCapabilitiesResult = z.infer<typeof ZSetToolCapabilitiesResult>;
