// The public view of a campaign item.
import type { TCampaignItem } from "@/lib/campaigns/schemas";

type Row = {
  id: string;
  campaignId: string;
  targetType: string;
  targetId: string;
  snapshot: unknown;
  reviewerId: string;
  status: string;
  decidedById: string | null;
  decidedAt: Date | null;
  comment: string | null;
  outcome: unknown;
  reassignments: unknown;
  version: number;
};

export function presentItem(row: Row): TCampaignItem {
  return {
    id: row.id,
    campaignId: row.campaignId,
    targetType: row.targetType as TCampaignItem["targetType"],
    targetId: row.targetId,
    snapshot: (row.snapshot ?? {}) as Record<string, unknown>,
    reviewerId: row.reviewerId,
    status: row.status as TCampaignItem["status"],
    decidedById: row.decidedById,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    comment: row.comment,
    outcome: (row.outcome ?? null) as Record<string, unknown> | null,
    reassignments: Array.isArray(row.reassignments) ? (row.reassignments as TCampaignItem["reassignments"]) : [],
    version: row.version,
  };
}
