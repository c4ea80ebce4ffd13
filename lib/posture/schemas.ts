// The posture dashboard's numbers (docs/posture.md): cards in groups, each with
// the link to the list behind it, and the daily trends of denied calls, token
// refusals and sender-constrained tokens.
import { z } from "zod";

const count = z.number().int().nonnegative();

export const POSTURE_VIEWS = ["estate", "mine"] as const;
export type PostureView = (typeof POSTURE_VIEWS)[number];

export const POSTURE_GROUP_IDS = ["identities", "tokens", "catalog", "recertification", "coverage", "activity"] as const;
export type PostureGroupId = (typeof POSTURE_GROUP_IDS)[number];

export const POSTURE_CARD_IDS = [
  "orphaned",
  "no-keys",
  "old-keys",
  "hardware-keys-unmet",
  "software-key-agents",
  "bearer-servers",
  "bearer-agents",
  "unenforced-servers",
  "sender-constrained-7d",
  "sender-constrained-30d",
  "tools-unclassified",
  "tools-drifted",
  "grants-irreversible",
  "grants-unused-30d",
  "grants-unused-90d",
  "grants-expiring",
  "toxic-combinations",
  "reviews-overdue",
  "certified-within-policy",
  "servers-reporting",
  "gateways-stale",
  "denied-calls",
  "token-refusals",
] as const;
export type PostureCardId = (typeof POSTURE_CARD_IDS)[number];

export const SEVERITIES = ["ok", "info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ZPostureQuery = z.object({
  view: z.enum(POSTURE_VIEWS).optional().describe("estate: the whole installation (needs audit:read); mine: identities the caller owns. Default: estate when allowed, else mine"),
  days: z
    .enum(["14", "30"])
    .default("14")
    .transform((value): 14 | 30 => (value === "30" ? 30 : 14))
    .describe("Days of the daily trends (UTC days, today included)"),
});
export type TPostureQuery = z.output<typeof ZPostureQuery>;

/** The same options for callers other than the HTTP route (pages, tests). */
export const ZPostureOptions = z.object({
  view: z.enum(POSTURE_VIEWS).optional(),
  days: z.union([z.literal(14), z.literal(30)]).default(14),
});

export const ZPostureCard = z.object({
  id: z.enum(POSTURE_CARD_IDS),
  title: z.string(),
  description: z.string().describe("What is counted, in one sentence"),
  value: count.describe("The count, or for a share the part (e.g. DPoP-bound tokens)"),
  total: count.nullable().describe("For a share, the whole it is a part of (e.g. all tokens issued); null for plain counts"),
  severity: z.enum(SEVERITIES).describe("ok when nothing needs attention; otherwise how urgent it is"),
  href: z.string().describe("The console page listing exactly what is counted"),
});
export type TPostureCard = z.infer<typeof ZPostureCard>;

export const ZPostureGroup = z.object({ id: z.enum(POSTURE_GROUP_IDS), title: z.string(), cards: z.array(ZPostureCard) });
export type TPostureGroup = z.infer<typeof ZPostureGroup>;

export const ZTrendPoint = z.object({
  date: z.iso.date().describe("The UTC day"),
  denied: count.describe("MCP calls denied (mcp.decision, outcome denied)"),
  refusals: count.describe("Token requests refused (token.refused and token.exchange_refused)"),
  issued: count.describe("Tokens issued to agents (token.issued), except events retention already pruned"),
  senderConstrained: count.describe("Of those, DPoP-bound (details.tokenType DPoP)"),
  hrefs: z.object({ denied: z.string(), refusals: z.string(), issued: z.string() }).describe("The audit explorer filtered to that day"),
});
export type TTrendPoint = z.infer<typeof ZTrendPoint>;

export const ZPostureTrends = z.object({
  days: z.number().int().positive(),
  from: z.iso.datetime().describe("Start of the first day (UTC midnight)"),
  to: z.iso.datetime().describe("The end of the window: now"),
  points: z.array(ZTrendPoint),
});
export type TPostureTrends = z.infer<typeof ZPostureTrends>;

export const ZPosture = z.object({
  view: z.enum(POSTURE_VIEWS),
  asOf: z.iso.datetime().describe("When these numbers were counted"),
  keyMaxAgeDays: z.number().int().positive().describe("The key age policy the old-keys card applies (setting keyMaxAgeDays)"),
  groups: z.array(ZPostureGroup).describe("Only groups with cards the caller may see"),
  trends: ZPostureTrends.nullable().describe("Daily events; null in the mine view (it needs audit:read)"),
});
export type TPosture = z.infer<typeof ZPosture>;

/** One row behind a card, for its drill-down page. */
export const ZPostureItem = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  kind: z.string().describe("What the row is: an identity kind, a tool, a grant scope, a review item"),
  owner: z.string().nullable().describe("Who answers for it"),
  detail: z.string().nullable().describe("Why it is on the list, e.g. when it was last used"),
  href: z.string().describe("Its page in the console"),
});
export type TPostureItem = z.infer<typeof ZPostureItem>;

export const ZPostureItems = z.object({
  card: ZPostureCard,
  view: z.enum(POSTURE_VIEWS),
  items: z.array(ZPostureItem),
  truncated: z.boolean().describe("More rows match than were listed"),
});
export type TPostureItems = z.infer<typeof ZPostureItems>;
