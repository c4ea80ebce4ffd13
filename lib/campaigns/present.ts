// The public view of a campaign.
import { ZCampaignFilters, type TCampaign } from "@/lib/campaigns/schemas";

type Row = {
  id: string;
  name: string;
  description: string | null;
  type: string;
  status: string;
  filters: unknown;
  reviewerRule: string;
  reviewerId: string | null;
  startsAt: Date;
  dueAt: Date;
  undecidedPolicy: string;
  remindDaysBefore: number | null;
  escalateDaysBefore: number | null;
  recurrence: string | null;
  previousId: string | null;
  autoLaunch: boolean;
  templateKey: string | null;
  itemsTotal: number | null;
  itemsGenerated: number;
  createdById: string | null;
  createdAt: Date;
  launchedAt: Date | null;
  closedAt: Date | null;
};

export function presentCampaign(row: Row): TCampaign {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    type: row.type as TCampaign["type"],
    status: row.status as TCampaign["status"],
    filters: ZCampaignFilters.parse(row.filters ?? {}),
    reviewerRule: row.reviewerRule as TCampaign["reviewerRule"],
    reviewerId: row.reviewerId,
    startsAt: row.startsAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    undecidedPolicy: row.undecidedPolicy as TCampaign["undecidedPolicy"],
    remindDaysBefore: row.remindDaysBefore,
    escalateDaysBefore: row.escalateDaysBefore,
    recurrence: row.recurrence as TCampaign["recurrence"],
    previousId: row.previousId,
    autoLaunch: row.autoLaunch,
    templateKey: row.templateKey,
    itemsTotal: row.itemsTotal,
    itemsGenerated: row.itemsGenerated,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    launchedAt: row.launchedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
