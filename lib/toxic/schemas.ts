// Toxic-combination policies, findings and an agent's capability summary: inputs and views.
import { z } from "zod";
import { ZReason } from "@/lib/identities/schemas";
import { ZCursorQuery } from "@/lib/pagination";

export const TOXIC_MODES = ["block", "require_approval", "warn"] as const;
export const FINDING_STATUSES = ["open", "accepted", "resolved"] as const;

export const ZToxicPolicyId = z.object({ id: z.string().regex(/^txp_[0-9a-z]{26}$/, "not a toxic-combination policy id (txp_…)") });
export const ZToxicFindingId = z.object({ id: z.string().regex(/^txf_[0-9a-z]{26}$/, "not a finding id (txf_…)") });
export const ZSuspendedGrantId = z.object({ grantId: z.string().regex(/^grt_[0-9a-z]{26}$/, "not a grant id (grt_…)") });

const ZTagId = z.string().trim().min(1, "empty tag").max(64, "At most 64 characters");

// duplicates are dropped before counting: ["a", "a"] is one tag, and a combination needs two
const ZTags = z
  .array(ZTagId)
  .max(20, "At most 10 different tags")
  .transform((tags) => [...new Set(tags)])
  .pipe(z.array(z.string()).min(2, "A combination needs at least 2 different tags").max(10, "At most 10 different tags"));

const ZName = z.string().trim().min(3, "At least 3 characters").max(120, "At most 120 characters");
const ZDescription = z.string().trim().max(1000, "At most 1000 characters");

export const ZCreateToxicPolicyInput = z
  .object({
    name: ZName,
    description: ZDescription.optional(),
    tags: ZTags.describe("2–10 capability tag ids the agent must all hold to violate the policy; duplicates are dropped"),
    mode: z.enum(TOXIC_MODES).describe("block: refuse grants that complete it and suspend the offending grants; require_approval: needs a security approval; warn: flag only"),
    enabled: z.boolean().default(true),
  })
  .strict();
export type TCreateToxicPolicyInput = z.input<typeof ZCreateToxicPolicyInput>;

export const ZUpdateToxicPolicyInput = z
  .object({
    name: ZName.optional(),
    description: ZDescription.nullable().optional(),
    tags: ZTags.optional(),
    mode: z.enum(TOXIC_MODES).optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((value) => Object.values(value).some((field) => field !== undefined), { message: "Change at least one field", path: ["name"] });
export type TUpdateToxicPolicyInput = z.input<typeof ZUpdateToxicPolicyInput>;

export const ZToxicPolicy = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  mode: z.enum(TOXIC_MODES),
  enabled: z.boolean(),
  openFindings: z.number().int().nonnegative().describe("Agents currently flagged by this policy"),
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TToxicPolicy = z.infer<typeof ZToxicPolicy>;

export const ZCapabilityTool = z.object({ toolId: z.string(), toolName: z.string(), scope: z.string(), serverId: z.string(), serverName: z.string() });

export const ZToxicFinding = z.object({
  id: z.string(),
  agent: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  policy: z.object({ id: z.string(), name: z.string(), mode: z.enum(TOXIC_MODES), enabled: z.boolean() }),
  status: z.enum(FINDING_STATUSES),
  tools: z.record(z.string(), z.array(ZCapabilityTool)).describe("Each tag of the policy → the tools that give it to the agent"),
  explanation: z.string(),
  detectedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type TToxicFinding = z.infer<typeof ZToxicFinding>;

export const ZListToxicFindingsQuery = ZCursorQuery.extend({
  status: z.enum([...FINDING_STATUSES, "unresolved", "all"]).default("open").describe("unresolved: open and accepted"),
  agentId: z.string().regex(/^agt_[0-9a-z]{26}$/, "not an agent id").optional(),
  policyId: z.string().regex(/^txp_[0-9a-z]{26}$/, "not a policy id").optional(),
});

export const ZAcceptFindingInput = z
  .object({ justification: z.string().trim().min(10, "Say why this combination is acceptable (at least 10 characters)").max(1000, "At most 1000 characters") })
  .strict();

export const ZLiftSuspensionInput = z.object({ reason: ZReason }).strict();

export const ZCapabilityGrantTool = ZCapabilityTool.extend({ grantId: z.string(), suspended: z.boolean() });

export const ZAgentCapabilities = z.object({
  agentId: z.string(),
  tags: z.array(z.object({ tag: z.string(), name: z.string(), tools: z.array(ZCapabilityGrantTool) })).describe("Approved tags the agent holds, through which tools and grants (suspended grants marked)"),
  findings: z.array(ZToxicFinding).describe("Open and accepted findings"),
  suspendedGrants: z.array(z.object({ id: z.string(), serverId: z.string(), serverName: z.string(), suspendedAt: z.iso.datetime(), reason: z.string().nullable() })),
});
export type TAgentCapabilities = z.infer<typeof ZAgentCapabilities>;

export const ZToxicPolicyChange = ZToxicPolicy.extend({ flaggedAgentIds: z.array(z.string()).describe("Agents this change flagged (new findings)") });

export const ZLiftedSuspension = z.object({
  grantId: z.string(),
  agentId: z.string(),
  serverId: z.string(),
  scopes: z.array(z.string()),
  suspendedAt: z.iso.datetime().describe("When the policy had suspended it"),
  liftedAt: z.iso.datetime(),
});
export type TLiftedSuspension = z.infer<typeof ZLiftedSuspension>;
