// The rows of a campaign's evidence export: every item with what was reviewed,
// who reviewed it, the decision, when, the comment and the action it caused.
// Read in id order one page at a time so a 100,000-item campaign never sits in
// memory as Prisma rows; the reviewers' and deciders' names are resolved per page.
import "server-only";
import { db } from "@/lib/db/client";

const PAGE = 1000;

export type EvidenceRow = {
  itemId: string;
  targetType: string;
  targetId: string;
  target: string;
  tier: string | null;
  scope: string | null;
  reviewer: string;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  action: string | null;
  reassignments: number;
};

type Snapshot = { tool?: string; tier?: string | null; scope?: string; agent?: { name?: string }; server?: { name?: string }; name?: string; kind?: string };

function describe(targetType: string, snapshot: Snapshot, targetId: string): string {
  if (targetType === "grant_tool") return `${snapshot.agent?.name ?? "agent"} → ${snapshot.tool ?? "tool"} on ${snapshot.server?.name ?? "server"}`;
  if (targetType === "tool") return `${snapshot.name ?? "tool"} on ${snapshot.server?.name ?? "server"}`;
  return `${snapshot.name ?? targetId} (${snapshot.kind ?? "identity"})`;
}

/** "grantRevoked grt_…", "identitySuspended agt_…": the outcome, one line, for people and spreadsheets. */
function action(outcome: unknown): string | null {
  if (!outcome || typeof outcome !== "object") return null;
  const entries = Object.entries(outcome as Record<string, unknown>).filter(([, value]) => value !== null && value !== undefined && value !== false);
  return entries.length ? entries.map(([key, value]) => (value === true ? key : `${key} ${typeof value === "string" ? value : JSON.stringify(value)}`)).join("; ") : null;
}

type Row = { id: string; targetType: string; targetId: string; snapshot: unknown; reviewerId: string; status: string; decidedById: string | null; decidedAt: Date | null; comment: string | null; outcome: unknown; reassignments: unknown };

/** Every item of the campaign, a page at a time. */
export async function* evidenceRows(campaignId: string): AsyncGenerator<EvidenceRow[]> {
  const people = new Map<string, string>();
  let cursor: string | null = null;
  for (;;) {
    const rows: Row[] = await db().campaignItem.findMany({
      where: { campaignId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, targetType: true, targetId: true, snapshot: true, reviewerId: true, status: true, decidedById: true, decidedAt: true, comment: true, outcome: true, reassignments: true },
    });
    if (rows.length === 0) return;
    const unknown = [...new Set(rows.flatMap((row) => [row.reviewerId, row.decidedById]).filter((id): id is string => id !== null && !people.has(id)))];
    if (unknown.length) for (const user of await db().user.findMany({ where: { id: { in: unknown } }, select: { id: true, email: true } })) people.set(user.id, user.email);
    yield rows.map((row) => {
      const snapshot = (row.snapshot ?? {}) as Snapshot;
      return {
        itemId: row.id,
        targetType: row.targetType,
        targetId: row.targetId,
        target: describe(row.targetType, snapshot, row.targetId),
        tier: snapshot.tier ?? null,
        scope: snapshot.scope ?? null,
        reviewer: people.get(row.reviewerId) ?? row.reviewerId,
        status: row.status,
        decidedBy: row.decidedById ? (people.get(row.decidedById) ?? row.decidedById) : row.decidedAt ? "Warden (deadline)" : null,
        decidedAt: row.decidedAt?.toISOString() ?? null,
        comment: row.comment,
        action: action(row.outcome),
        reassignments: Array.isArray(row.reassignments) ? row.reassignments.length : 0,
      };
    });
    if (rows.length < PAGE) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

export const EVIDENCE_COLUMNS: (keyof EvidenceRow)[] = ["itemId", "targetType", "targetId", "target", "tier", "scope", "reviewer", "status", "decidedBy", "decidedAt", "comment", "action", "reassignments"];
