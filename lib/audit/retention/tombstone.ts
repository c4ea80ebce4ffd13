// A pruned event ("tombstone") keeps its place in the chain — seq, id, time,
// action, outcome, actor type and both hashes — and loses everything that
// says who, what and where. Its hash can no longer be recomputed, so the
// verifier checks its link, that a signed retention run covers it, and that
// it is really empty (content kept on a tombstone would be unverifiable).
import { auditFacets, type AuditFacets } from "@/lib/audit/facets";

export type TombstoneFields = {
  actorId: null;
  actorLabel: null;
  targetType: null;
  targetId: null;
  requestId: null;
  ip: null;
  userAgent: null;
  details: Record<string, never>;
};

const EMPTIED: TombstoneFields = { actorId: null, actorLabel: null, targetType: null, targetId: null, requestId: null, ip: null, userAgent: null, details: {} };

/** What pruning writes to an event of `action`; the facets depend on the action alone once the content is gone. */
export function tombstoneData(action: string, prunedAt: Date): TombstoneFields & AuditFacets & { prunedAt: Date } {
  return { ...EMPTIED, details: {}, ...auditFacets({ action, ...EMPTIED }), prunedAt };
}

type Content = { actorId: string | null; actorLabel: string | null; targetType: string | null; targetId: string | null; requestId: string | null; ip: string | null; userAgent: string | null; details: unknown };

export function isEmptied(row: Content): boolean {
  const { details } = row;
  return (
    row.actorId === null &&
    row.actorLabel === null &&
    row.targetType === null &&
    row.targetId === null &&
    row.requestId === null &&
    row.ip === null &&
    row.userAgent === null &&
    details !== null &&
    typeof details === "object" &&
    !Array.isArray(details) &&
    Object.keys(details).length === 0
  );
}
