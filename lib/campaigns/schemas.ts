// Recertification campaign inputs and views (docs/campaigns.md).
import { z } from "zod";
import { TOOL_TIERS } from "@/lib/catalog/classify";
import { ENVIRONMENTS, IDENTITY_KINDS, RISK_TIERS } from "@/lib/identities/kinds";

export const CAMPAIGN_TYPES = ["identity", "grant", "tool"] as const;
export const CAMPAIGN_STATUSES = ["draft", "generating", "active", "closed"] as const;
export const REVIEWER_RULES = ["owner", "server_owner", "named"] as const;
export const UNDECIDED_POLICIES = ["revoke", "suspend", "keep_escalate"] as const;
export const RECURRENCES = ["monthly", "quarterly", "yearly"] as const;
export const ITEM_STATUSES = ["open", "certified", "revoked", "modified", "auto_revoked", "auto_suspended", "escalated", "target_gone"] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];
export type ReviewerRule = (typeof REVIEWER_RULES)[number];

/**
 * Servers and owners a campaign names, together: target queries bind one parameter per id, both lists
 * in one statement, and SQLite refuses more than 999 (lib/campaigns/select-targets.ts).
 */
export const MAX_FILTER_IDS = 500;

const ZIdList = (prefix: string, label: string) =>
  z
    .array(z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `not ${label} id`))
    .max(MAX_FILTER_IDS)
    .optional();

/** What a campaign reviews; every filter narrows (an empty or absent one does not). */
export const ZCampaignFilters = z
  .object({
    kinds: z.array(z.enum(IDENTITY_KINDS)).max(4).optional().describe("Identity campaigns: the kinds to review"),
    environments: z.array(z.enum(ENVIRONMENTS)).max(3).optional().describe("The identity's (for grants and tools: the server's) environment"),
    riskTiers: z.array(z.enum(RISK_TIERS)).max(3).optional().describe("The identity's (for grants and tools: the server's) risk tier"),
    serverIds: ZIdList("srv", "a server").describe("Grant and tool campaigns: only these servers"),
    ownerIds: ZIdList("usr", "a user").describe("Only identities (grants: agents; tools: servers) owned by these users"),
    toolTiers: z.array(z.enum(TOOL_TIERS)).max(3).optional().describe("Grant and tool campaigns: only tools of these tiers (e.g. only irreversible)"),
    unusedForDays: z.number().int().min(1).max(3650).optional().describe("Grant campaigns: only grant scopes not used (no allowed call reported) for this many days"),
    toxicCombinations: z.boolean().optional().describe("Identity and grant campaigns: only agents holding a toxic combination of capabilities (an open finding)"),
  })
  .strict();
export type TCampaignFilters = z.infer<typeof ZCampaignFilters>;

const campaignFields = {
  name: z.string().trim().min(3, "Give a name of at least 3 characters").max(200, "At most 200 characters"),
  description: z.string().trim().max(2000, "At most 2000 characters").optional(),
  filters: ZCampaignFilters.default({}),
  reviewerRule: z.enum(REVIEWER_RULES).default("owner").describe("owner: the primary owner, then the backup owner, then an admin; server_owner (grants): the server's owners; named: reviewerId"),
  reviewerId: z.string().regex(/^usr_[0-9a-z]{26}$/, "not a user id").optional(),
  startsAt: z.iso.datetime({ offset: true }).optional().describe("Defaults to the launch time"),
  dueAt: z.iso.datetime({ offset: true }),
  undecidedPolicy: z.enum(UNDECIDED_POLICIES).optional().describe("What happens to undecided items at the deadline; defaults to revoke for grants, keep_escalate otherwise"),
  remindDaysBefore: z.number().int().min(1).max(90).nullable().optional().describe("Remind reviewers with open items this many days before the due date (default 3; null: no reminder)"),
  escalateDaysBefore: z.number().int().min(1).max(90).nullable().optional().describe("Move open items to the fallback reviewer this many days before the due date (default: never)"),
  recurrence: z.enum(RECURRENCES).nullable().optional().describe("Launching creates the next campaign, shifted by this period, which launches itself at its start"),
  templateKey: z.string().max(64).nullable().optional().describe("The built-in template it was made from"),
};

function checkCampaign(value: { type?: CampaignType; reviewerRule?: ReviewerRule; reviewerId?: string; startsAt?: string; dueAt?: string; filters?: TCampaignFilters; undecidedPolicy?: string; remindDaysBefore?: number | null; escalateDaysBefore?: number | null }, ctx: z.RefinementCtx): void {
  if (value.type && value.type !== "grant" && value.filters?.unusedForDays) ctx.addIssue({ code: "custom", path: ["filters", "unusedForDays"], message: "Usage filters grant campaigns" });
  if (value.remindDaysBefore && value.escalateDaysBefore && value.escalateDaysBefore >= value.remindDaysBefore) ctx.addIssue({ code: "custom", path: ["escalateDaysBefore"], message: "Escalate after the reminder: fewer days before the due date" });
  if (value.reviewerRule === "named" && !value.reviewerId) ctx.addIssue({ code: "custom", path: ["reviewerId"], message: "Name the reviewer for the named rule" });
  if (value.reviewerRule !== undefined && value.reviewerRule !== "named" && value.reviewerId) ctx.addIssue({ code: "custom", path: ["reviewerId"], message: "Only the named rule takes a reviewer" });
  if (value.type && value.reviewerRule === "server_owner" && value.type !== "grant") ctx.addIssue({ code: "custom", path: ["reviewerRule"], message: "server_owner applies to grant campaigns" });
  if (value.startsAt && value.dueAt && Date.parse(value.dueAt) <= Date.parse(value.startsAt)) ctx.addIssue({ code: "custom", path: ["dueAt"], message: "Must be after the start" });
  if (value.type && value.type !== "identity" && value.filters?.kinds?.length) ctx.addIssue({ code: "custom", path: ["filters", "kinds"], message: "Kinds filter identity campaigns" });
  if ((value.filters?.serverIds?.length ?? 0) + (value.filters?.ownerIds?.length ?? 0) > MAX_FILTER_IDS)
    ctx.addIssue({ code: "custom", path: ["filters"], message: `Name at most ${MAX_FILTER_IDS} servers and owners together; for a wider campaign leave a list empty or filter by environment or risk tier` });
  if (value.type === "identity" && (value.filters?.toolTiers?.length || value.filters?.serverIds?.length)) ctx.addIssue({ code: "custom", path: ["filters"], message: "Tool tiers and servers filter grant and tool campaigns" });
  if (value.type === "tool" && value.undecidedPolicy && value.undecidedPolicy !== "keep_escalate") ctx.addIssue({ code: "custom", path: ["undecidedPolicy"], message: "A tool's tier cannot be revoked or suspended: use keep_escalate" });
  if (value.type === "grant" && value.undecidedPolicy === "suspend") ctx.addIssue({ code: "custom", path: ["undecidedPolicy"], message: "Grants are revoked or kept, not suspended" });
}

export const ZCreateCampaignInput = z
  .object({ type: z.enum(CAMPAIGN_TYPES), ...campaignFields })
  .strict()
  .superRefine(checkCampaign);
export type TCreateCampaignInput = z.input<typeof ZCreateCampaignInput>;

export const ZUpdateCampaignInput = z
  .object(Object.fromEntries(Object.entries(campaignFields).map(([key, schema]) => [key, (schema as z.ZodType).optional()])) as { [K in keyof typeof campaignFields]: z.ZodOptional<(typeof campaignFields)[K]> })
  .strict()
  .refine((value) => Object.values(value).some((field) => field !== undefined), "Change at least one field");

export const ZCampaign = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: z.enum(CAMPAIGN_TYPES),
  status: z.enum(CAMPAIGN_STATUSES),
  filters: ZCampaignFilters,
  reviewerRule: z.enum(REVIEWER_RULES),
  reviewerId: z.string().nullable(),
  startsAt: z.iso.datetime(),
  dueAt: z.iso.datetime(),
  undecidedPolicy: z.enum(UNDECIDED_POLICIES),
  remindDaysBefore: z.number().int().nullable(),
  escalateDaysBefore: z.number().int().nullable(),
  recurrence: z.enum(RECURRENCES).nullable(),
  previousId: z.string().nullable().describe("The recurring campaign this one follows"),
  autoLaunch: z.boolean().describe("Launches itself at startsAt (the successor of a recurring campaign)"),
  templateKey: z.string().nullable(),
  itemsTotal: z.number().int().nullable(),
  itemsGenerated: z.number().int(),
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
  launchedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
});
export type TCampaign = z.infer<typeof ZCampaign>;

export const ZCampaignPreview = z.object({
  items: z.number().int(),
  reviewers: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string(), items: z.number().int(), fallback: z.boolean().describe("Items that fell back to an admin because no owner could review them") })),
});
export type TCampaignPreview = z.infer<typeof ZCampaignPreview>;

export const ZListCampaignsQuery = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  cursor: z.string().regex(/^cmp_[0-9a-z]{26}$/, "not a cursor returned by this API").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const ZComment = z.string().trim().min(3, "Give a comment of at least 3 characters").max(2000, "At most 2000 characters");
const ZVersion = z.number().int().nonnegative().optional().describe("The item version the reviewer saw; a decision on a changed item is refused");

export const ZDecideItemInput = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("certify"), comment: ZComment.optional(), version: ZVersion }).strict(),
  z.object({ decision: z.literal("revoke"), comment: ZComment, version: ZVersion }).strict(),
  z
    .object({
      decision: z.literal("modify"),
      expiresAt: z.iso.datetime({ offset: true }).optional().describe("Grant items: end the grant earlier"),
      tier: z.enum(TOOL_TIERS).optional().describe("Tool items: the new tier"),
      ownerId: z.string().regex(/^usr_[0-9a-z]{26}$/, "not a user id").optional().describe("Identity items: the new primary owner"),
      comment: ZComment,
      version: ZVersion,
    })
    .strict()
    .refine((value) => [value.expiresAt, value.tier, value.ownerId].filter(Boolean).length === 1, { message: "Give exactly one change: expiresAt (grants), tier (tools) or ownerId (identities)", path: ["decision"] }),
  z.object({ decision: z.literal("reassign"), reviewerId: z.string().regex(/^usr_[0-9a-z]{26}$/, "not a user id"), comment: ZComment, version: ZVersion }).strict(),
]);
export type TDecideItemInput = z.input<typeof ZDecideItemInput>;

export const ZCampaignItem = z.object({
  id: z.string(),
  campaignId: z.string(),
  targetType: z.enum(["identity", "grant_tool", "tool"]),
  targetId: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
  reviewerId: z.string(),
  status: z.enum(ITEM_STATUSES),
  decidedById: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  comment: z.string().nullable(),
  outcome: z.record(z.string(), z.unknown()).nullable(),
  reassignments: z.array(z.object({ from: z.string(), to: z.string(), by: z.string().nullable(), at: z.iso.datetime(), comment: z.string() })),
  version: z.number().int(),
});
export type TCampaignItem = z.infer<typeof ZCampaignItem>;

export const ZListItemsQuery = z.object({
  status: z.enum(["open", "decided", "all"]).default("open").describe("open: awaiting a decision (including escalated)"),
  campaignId: z.string().regex(/^cmp_[0-9a-z]{26}$/, "not a campaign id").optional(),
  targetType: z.enum(["identity", "grant_tool", "tool"]).optional(),
  cursor: z.string().regex(/^citm_[0-9a-z]{26}$/, "not a cursor returned by this API").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZItemEvidence = z.object({
  current: z.string().describe("What the target is now: a grant scope active | revoked | expired | gone; an identity's status; a tool's tier"),
  lastUsedAt: z.iso.datetime().nullable().optional().describe("Grant scopes: the last allowed call an enforcement point reported"),
  useCount: z.number().int().optional().describe("Grant scopes: allowed calls reported"),
  expiresAt: z.iso.datetime().nullable().optional(),
  lastCertifiedAt: z.iso.datetime().nullable().optional(),
  lastTokenAt: z.iso.datetime().nullable().optional().describe("Identities: the last token issued to or exchanged by it"),
  orphaned: z.boolean().optional().describe("Identities: the primary owner is deactivated"),
});
export type TItemEvidence = z.infer<typeof ZItemEvidence>;

export const ZReviewItem = ZCampaignItem.extend({
  campaign: z.object({ id: z.string(), name: z.string(), type: z.enum(CAMPAIGN_TYPES), dueAt: z.iso.datetime(), status: z.enum(CAMPAIGN_STATUSES) }),
  evidence: ZItemEvidence.nullable().describe("Live evidence, read now (the snapshot is what was true at launch)"),
});
export type TReviewItem = z.infer<typeof ZReviewItem>;

export const ZBulkDecideInput = z
  .object({
    decision: z.enum(["certify", "revoke"]),
    comment: ZComment.optional(),
    itemIds: z.array(z.string().regex(/^citm_[0-9a-z]{26}$/, "not a review item id")).min(1).max(500).optional().describe("These items; or every open item of mine matching the filter"),
    filter: z
      .object({
        campaignId: z.string().regex(/^cmp_[0-9a-z]{26}$/, "not a campaign id").optional(),
        targetType: z.enum(["identity", "grant_tool", "tool"]).optional(),
        tiers: z.array(z.enum(TOOL_TIERS)).min(1).max(3).optional().describe("Grant and tool items whose tool has one of these tiers"),
        usedWithinDays: z.number().int().min(1).max(3650).optional().describe("Grant items whose scope was used (an allowed call reported) within this many days"),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((value) => Boolean(value.itemIds) !== Boolean(value.filter), { message: "Give either itemIds or a filter", path: ["itemIds"] })
  .refine((value) => value.decision !== "revoke" || Boolean(value.comment), { message: "Revoking needs a comment", path: ["comment"] });
export type TBulkDecideInput = z.input<typeof ZBulkDecideInput>;

export const ZBulkDecideResult = z.object({
  decided: z.array(z.string()).describe("The items decided, each recorded on its own"),
  refused: z.array(z.object({ itemId: z.string(), message: z.string() })).describe("Items left as they were, with why"),
});
export type TBulkDecideResult = z.infer<typeof ZBulkDecideResult>;

export const ZCloseCampaignInput = z.object({ reason: z.string().trim().min(3, "Give a reason of at least 3 characters").max(500, "At most 500 characters") }).strict();

export const ZEvidenceQuery = z.object({ format: z.enum(["json", "csv"]).default("json").describe("json: signed (flattened JWS); csv: one line per item") });
