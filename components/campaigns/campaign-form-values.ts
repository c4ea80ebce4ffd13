// The campaign form's values (as typed in the browser: dates as UTC
// `YYYY-MM-DDTHH:mm`, numbers as text, "" for none) and the request bodies built
// from them. Filters that do not apply to the chosen type stay in the form
// (switching back restores them) but are not sent.
import type { Path } from "react-hook-form";
import type { z } from "zod";
import type { FieldOf } from "@/components/identities/form-support";
import { POLICIES_FOR, type Recurrence, type UndecidedPolicy } from "@/components/campaigns/campaign-labels";
import type { ToolTier } from "@/lib/catalog/classify";
import type { CampaignTemplate } from "@/lib/campaigns/templates";
import type { CampaignType, ReviewerRule, TCampaign, TCampaignFilters, TCreateCampaignInput, ZUpdateCampaignInput } from "@/lib/campaigns/schemas";
import type { EnvironmentName, IdentityKind } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";

export type CampaignFormValues = {
  type: CampaignType;
  name: string;
  description: string;
  kinds: IdentityKind[];
  environments: EnvironmentName[];
  riskTiers: TIdentity["riskTier"][];
  serverIds: string[];
  ownerIds: string[];
  toolTiers: ToolTier[];
  unusedForDays: string;
  toxicCombinations: boolean;
  reviewerRule: ReviewerRule;
  /** the named rule's reviewer; "" for none */
  reviewerId: string;
  /** UTC, "" for "when launched" */
  startsAt: string;
  dueAt: string;
  undecidedPolicy: UndecidedPolicy;
  /** "" for none */
  remindDaysBefore: string;
  escalateDaysBefore: string;
  recurrence: Recurrence | "";
};

const FIELDS = ["type", "name", "description", "reviewerRule", "reviewerId", "startsAt", "dueAt", "undecidedPolicy", "remindDaysBefore", "escalateDaysBefore", "recurrence"] as const satisfies readonly Path<CampaignFormValues>[];
const FILTER_FIELDS = ["kinds", "environments", "riskTiers", "serverIds", "ownerIds", "toolTiers", "unusedForDays", "toxicCombinations"] as const satisfies readonly Path<CampaignFormValues>[];

/** `filters.serverIds.2` → serverIds; a problem with `filters` as a whole goes to the form's alert. */
export const campaignFieldOf: FieldOf<CampaignFormValues> = (path) => {
  const [head, sub] = path.split(".");
  if (head === "filters") return FILTER_FIELDS.find((field) => field === sub) ?? null;
  return FIELDS.find((field) => field === head) ?? null;
};

const DAY = 86_400_000;
/** A UTC timestamp as a datetime-local value. */
export const toInputDate = (iso: string | Date) => new Date(iso).toISOString().slice(0, 16);
const fromInputDate = (text: string): string | undefined => (text.trim() ? `${text.trim()}:00Z` : undefined);
const number = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text));
const numberOrNull = (text: string): number | null => (text.trim() === "" ? null : Number(text));
const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/** The next whole hour, so templates start at a round time. */
function nextHour(now: Date): Date {
  return new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
}

const EMPTY_FILTERS = { kinds: [], environments: [], riskTiers: [], serverIds: [], ownerIds: [], toolTiers: [], unusedForDays: "", toxicCombinations: false } satisfies Partial<CampaignFormValues>;

export function blankCampaignFormValues(now: Date): CampaignFormValues {
  return {
    type: "grant",
    name: "",
    description: "",
    ...EMPTY_FILTERS,
    reviewerRule: "owner",
    reviewerId: "",
    startsAt: "",
    dueAt: toInputDate(new Date(nextHour(now).getTime() + 14 * DAY)),
    undecidedPolicy: "revoke",
    remindDaysBefore: "3",
    escalateDaysBefore: "",
    recurrence: "",
  };
}

function filterValues(filters: TCampaignFilters) {
  return {
    kinds: filters.kinds ?? [],
    environments: filters.environments ?? [],
    riskTiers: filters.riskTiers ?? [],
    serverIds: filters.serverIds ?? [],
    ownerIds: filters.ownerIds ?? [],
    toolTiers: filters.toolTiers ?? [],
    unusedForDays: text(filters.unusedForDays),
    toxicCombinations: filters.toxicCombinations ?? false,
  };
}

/** A template's definition, starting at the next whole hour and due `durationDays` later. */
export function templateFormValues(template: CampaignTemplate, now: Date): CampaignFormValues {
  const { definition } = template;
  const start = nextHour(now);
  return {
    type: definition.type,
    name: definition.name,
    description: definition.description ?? template.summary,
    ...filterValues(definition.filters ?? {}),
    reviewerRule: definition.reviewerRule ?? "owner",
    reviewerId: definition.reviewerId ?? "",
    startsAt: toInputDate(start),
    dueAt: toInputDate(new Date(start.getTime() + template.durationDays * DAY)),
    undecidedPolicy: definition.undecidedPolicy ?? POLICIES_FOR[definition.type][0]!,
    remindDaysBefore: definition.remindDaysBefore === undefined ? "3" : text(definition.remindDaysBefore),
    escalateDaysBefore: text(definition.escalateDaysBefore),
    recurrence: definition.recurrence ?? "",
  };
}

export function campaignFormValues(campaign: TCampaign): CampaignFormValues {
  return {
    type: campaign.type,
    name: campaign.name,
    description: campaign.description ?? "",
    ...filterValues(campaign.filters),
    reviewerRule: campaign.reviewerRule,
    reviewerId: campaign.reviewerId ?? "",
    startsAt: toInputDate(campaign.startsAt),
    dueAt: toInputDate(campaign.dueAt),
    undecidedPolicy: campaign.undecidedPolicy,
    remindDaysBefore: text(campaign.remindDaysBefore),
    escalateDaysBefore: text(campaign.escalateDaysBefore),
    recurrence: campaign.recurrence ?? "",
  };
}

const list = <T>(values: T[]) => (values.length > 0 ? values : undefined);

/** Only the filters the type takes; empty ones are left out (they would not narrow anything). */
function filtersOf(v: CampaignFormValues): TCampaignFilters {
  const serverSide = v.type !== "identity";
  const filters: TCampaignFilters = {
    kinds: v.type === "identity" ? list(v.kinds) : undefined,
    environments: list(v.environments),
    riskTiers: list(v.riskTiers),
    serverIds: serverSide ? list(v.serverIds) : undefined,
    ownerIds: list(v.ownerIds),
    toolTiers: serverSide ? list(v.toolTiers) : undefined,
    unusedForDays: v.type === "grant" ? number(v.unusedForDays) : undefined,
    toxicCombinations: v.type !== "tool" && v.toxicCombinations ? true : undefined,
  };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as TCampaignFilters;
}

export function toCreateBody(v: CampaignFormValues, templateKey: string | null): TCreateCampaignInput {
  return {
    type: v.type,
    name: v.name,
    description: v.description.trim() || undefined,
    filters: filtersOf(v),
    reviewerRule: v.reviewerRule,
    reviewerId: v.reviewerRule === "named" ? v.reviewerId || undefined : undefined,
    startsAt: fromInputDate(v.startsAt),
    dueAt: fromInputDate(v.dueAt) ?? "",
    undecidedPolicy: v.undecidedPolicy,
    remindDaysBefore: numberOrNull(v.remindDaysBefore),
    escalateDaysBefore: numberOrNull(v.escalateDaysBefore),
    recurrence: v.recurrence || null,
    templateKey: templateKey ?? undefined,
  };
}

/** The whole definition but its type (fixed once created); a blank start keeps the stored one. */
export function toUpdateBody(v: CampaignFormValues): z.input<typeof ZUpdateCampaignInput> {
  const { type: _type, templateKey: _templateKey, ...body } = toCreateBody(v, null);
  return { ...body, description: v.description.trim() };
}
