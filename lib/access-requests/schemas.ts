// Access request inputs and views (docs/separation-of-duties.md). Client code imports
// the types only; the console's forms repeat the few rules they show.
import { z } from "zod";
import { TOOL_TIERS } from "@/lib/catalog/tiers";

export const ACCESS_REQUEST_STATUSES = ["pending", "approved", "denied", "expired", "cancelled"] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** The steps of a request, in the order they are decided. */
export const APPROVAL_STEPS = ["owner", "admin", "security"] as const;
export type ApprovalStep = (typeof APPROVAL_STEPS)[number];

export const ZJustification = z.string().trim().min(10, "Say why the agent needs this (at least 10 characters)").max(1000, "At most 1000 characters");

export const ZCreateAccessRequestInput = z
  .object({
    agentId: z.string().regex(/^agt_[0-9a-z]{26}$/, "not an agent id"),
    serverId: z.string().regex(/^srv_[0-9a-z]{26}$/, "not a server id"),
    toolIds: z
      .array(z.string().regex(/^tool_[0-9a-z]{26}$/, "not a tool id"))
      .min(1, "Choose at least one tool")
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, "Name each tool once"),
    justification: ZJustification,
    grantDays: z.number().int("A whole number of days").min(1, "At least 1 day").max(3650, "At most 3650 days").optional().describe("How long the grant lasts once approved; omit for a grant until revoked"),
  })
  .strict();
export type TCreateAccessRequestInput = z.input<typeof ZCreateAccessRequestInput>;

const ZComment = z.string().trim().min(3, "Give a comment of at least 3 characters").max(1000, "At most 1000 characters");

export const ZDecideAccessRequestInput = z
  .object({
    step: z.enum(APPROVAL_STEPS).describe("The step being decided (the request's nextStep): a decision for a step someone else decided meanwhile is refused (409)"),
    decision: z.enum(["approve", "deny"]),
    comment: ZComment.optional().describe("Required to deny and for the security step; recorded with the decision"),
  })
  .strict()
  .refine((value) => value.decision !== "deny" || value.comment !== undefined, { message: "Say why the request is denied", path: ["comment"] });
export type TDecideAccessRequestInput = z.input<typeof ZDecideAccessRequestInput>;

export const ZCancelAccessRequestInput = z.object({ reason: ZComment.optional() }).strict();
export type TCancelAccessRequestInput = z.input<typeof ZCancelAccessRequestInput>;

export const ACCESS_REQUEST_VIEWS = ["waiting", "mine", "all"] as const;
export type AccessRequestView = (typeof ACCESS_REQUEST_VIEWS)[number];

export const ZListAccessRequestsQuery = z.object({
  view: z.enum(ACCESS_REQUEST_VIEWS).default("waiting").describe("waiting: the requests whose next step I may decide; mine: the ones I made; all: every request (admins)"),
  status: z.enum([...ACCESS_REQUEST_STATUSES, "all"]).optional().describe("Default: pending for waiting, all otherwise"),
  agentId: z.string().regex(/^agt_[0-9a-z]{26}$/, "not an agent id").optional(),
  cursor: z.string().regex(/^arq_[0-9a-z]{26}$/, "not a cursor returned by this API").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const ZRef = z.object({ id: z.string(), name: z.string() });
const ZIdentityRef = z.object({ id: z.string(), name: z.string(), slug: z.string(), status: z.string(), environment: z.string().optional() });

export const ZAccessRequestApproval = z.object({
  id: z.string(),
  step: z.enum(APPROVAL_STEPS),
  decision: z.enum(["approved", "denied"]),
  approver: ZRef,
  comment: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

const ZCapabilityTool = z.object({ toolId: z.string(), toolName: z.string(), scope: z.string(), serverId: z.string(), serverName: z.string() });
export const ZToxicFindingView = z.object({
  policyId: z.string(),
  policyName: z.string(),
  mode: z.enum(["block", "require_approval", "warn"]),
  explanation: z.string(),
  tools: z.record(z.string(), z.array(ZCapabilityTool)),
});

export const ZAccessRequest = z.object({
  id: z.string(),
  origin: z.enum(["request", "direct_grant"]),
  status: z.enum(ACCESS_REQUEST_STATUSES),
  agent: ZIdentityRef,
  server: ZIdentityRef,
  requestedBy: ZRef,
  justification: z.string(),
  grantDays: z.number().int().nullable(),
  tools: z.array(z.object({ toolId: z.string(), name: z.string(), scope: z.string(), tier: z.enum(TOOL_TIERS).nullable() })),
  steps: z.array(z.object({ step: z.enum(APPROVAL_STEPS), state: z.enum(["approved", "denied", "pending", "waiting", "skipped"]) })).describe("Every required step in order: decided (approved/denied), pending (next), waiting (after the next) or skipped (the request ended first)"),
  nextStep: z.enum(APPROVAL_STEPS).nullable(),
  approvals: z.array(ZAccessRequestApproval),
  toxicFindings: z.array(ZToxicFindingView),
  securityApprovalRequired: z.boolean(),
  secondApprovalRequired: z.boolean(),
  expiresAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  decisionReason: z.string().nullable(),
  grantId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** whether the caller may decide the next step now (and, if not, why) */
  canDecide: z.boolean(),
  cannotDecideReason: z.string().nullable(),
  canCancel: z.boolean(),
});
export type TAccessRequest = z.infer<typeof ZAccessRequest>;
export type TToxicFindingView = z.infer<typeof ZToxicFindingView>;
