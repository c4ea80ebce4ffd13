"use client";
// A campaign's definition as read-only facts: what it reviews, who reviews, when, what the due
// date does, and its recurrence (with a link to the campaign it follows).
import Link from "next/link";
import { campaignHref, POLICY_HINTS, POLICY_LABELS, RECURRENCE_LABELS, RULE_LABELS, TYPE_HINTS, TYPE_LABELS } from "@/components/campaigns/campaign-labels";
import { TIER_LABELS } from "@/components/catalog/tiers";
import { ENVIRONMENT_LABELS, KIND_WORD, RISK_LABELS } from "@/components/identities/identity-labels";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import type { TCampaign, TCampaignFilters } from "@/lib/campaigns/schemas";
import { campaignTemplate } from "@/lib/campaigns/templates";
import { formatDateTime } from "@/lib/format/date";
import { useNames } from "@/lib/query/campaigns/use-names";

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

function filterLines(filters: TCampaignFilters, serverName: (id: string) => string, userName: (id: string) => string): string[] {
  const named = <T extends string>(values: T[] | undefined, labels: Record<T, string>) => values?.map((value) => labels[value]).join(", ");
  return [
    filters.kinds?.length ? `Kinds: ${named(filters.kinds, KIND_WORD)}` : null,
    filters.environments?.length ? `Environments: ${named(filters.environments, ENVIRONMENT_LABELS)}` : null,
    filters.riskTiers?.length ? `Risk tiers: ${named(filters.riskTiers, RISK_LABELS)}` : null,
    filters.toolTiers?.length ? `Tool tiers: ${named(filters.toolTiers, TIER_LABELS)}` : null,
    filters.serverIds?.length ? `Servers: ${filters.serverIds.map(serverName).join(", ")}` : null,
    filters.ownerIds?.length ? `Owners: ${filters.ownerIds.map(userName).join(", ")}` : null,
    filters.unusedForDays ? `Only grants unused for ${days(filters.unusedForDays)}` : null,
    filters.toxicCombinations ? "Only agents holding a toxic combination" : null,
  ].filter((line): line is string => line !== null);
}

function Recurrence({ campaign }: { campaign: TCampaign }) {
  if (!campaign.recurrence) return <span>Does not repeat</span>;
  return (
    <span>
      {RECURRENCE_LABELS[campaign.recurrence]}: launching it creates the next campaign, shifted by that period.
      {campaign.autoLaunch ? " This one launches itself at its start." : ""}
    </span>
  );
}

export function CampaignDefinition({ campaign }: { campaign: TCampaign }) {
  const serverName = useNames("server", campaign.filters.serverIds ?? []);
  const userName = useNames("user", [...(campaign.filters.ownerIds ?? []), ...(campaign.reviewerId ? [campaign.reviewerId] : [])]);
  const filters = filterLines(campaign.filters, serverName, userName);
  const template = campaign.templateKey ? campaignTemplate(campaign.templateKey) : undefined;
  return (
    <Card title="Definition">
      <DescriptionList
        items={[
          { label: "Type", value: `${TYPE_LABELS[campaign.type]} — ${TYPE_HINTS[campaign.type]}` },
          { label: "Description", value: campaign.description },
          {
            label: "Filters",
            value: filters.length ? (
              <ul className="space-y-0.5">
                {filters.map((line) => (
                  <li key={line} className="break-all">
                    {line}
                  </li>
                ))}
              </ul>
            ) : (
              `Everything of the type`
            ),
          },
          { label: "Reviewers", value: campaign.reviewerRule === "named" ? `${RULE_LABELS.named}: ${campaign.reviewerId ? userName(campaign.reviewerId) : "—"}` : RULE_LABELS[campaign.reviewerRule] },
          { label: "Starts", value: formatDateTime(campaign.startsAt) },
          { label: "Due", value: formatDateTime(campaign.dueAt) },
          { label: "Undecided items", value: `${POLICY_LABELS[campaign.undecidedPolicy]} — ${POLICY_HINTS[campaign.undecidedPolicy]}` },
          { label: "Reminder", value: campaign.remindDaysBefore ? `${days(campaign.remindDaysBefore)} before the due date` : "None" },
          { label: "Escalation", value: campaign.escalateDaysBefore ? `${days(campaign.escalateDaysBefore)} before the due date` : "Never before the due date" },
          { label: "Recurrence", value: <Recurrence campaign={campaign} /> },
          {
            label: "Follows",
            value: campaign.previousId ? (
              <Link href={campaignHref(campaign.previousId)} className="font-mono text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
                {campaign.previousId}
              </Link>
            ) : null,
          },
          { label: "Template", value: template?.title ?? campaign.templateKey },
          { label: "Created", value: formatDateTime(campaign.createdAt) },
          { label: "Launched", value: campaign.launchedAt ? formatDateTime(campaign.launchedAt) : null },
          { label: "Closed", value: campaign.closedAt ? formatDateTime(campaign.closedAt) : null },
        ]}
      />
    </Card>
  );
}
