// Database rows of the integrity tables as the API shows them.
import type { TAuditAnchor, TAuditCheck, TAuditPrune } from "@/lib/audit/integrity/schemas";
import type { EventClass } from "@/lib/audit/event-classes";

type CheckRow = { id: string; trigger: string; startedAt: Date; finishedAt: Date; ok: boolean; checked: number; headSeq: bigint; firstBreakSeq: bigint | null; firstBreakId: string | null; reason: string | null; anchorsChecked: number };
type AnchorRow = { id: string; seq: bigint; hash: string; signedAt: Date; kid: string; jws: string };
type PruneRow = { id: string; eventClass: string; cutoff: Date; upToSeq: bigint; pruned: number; anchorId: string | null; at: Date };

export function presentCheck(row: CheckRow): TAuditCheck {
  return {
    id: row.id,
    trigger: row.trigger === "user" ? "user" : "scheduled",
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    ok: row.ok,
    checked: row.checked,
    headSeq: row.headSeq.toString(),
    firstBreak: row.ok ? null : { seq: (row.firstBreakSeq ?? 0n).toString(), id: row.firstBreakId, reason: row.reason ?? "unknown" },
    anchorsChecked: row.anchorsChecked,
  };
}

export function presentAnchor(row: AnchorRow): TAuditAnchor {
  return { id: row.id, seq: row.seq.toString(), hash: row.hash, signedAt: row.signedAt.toISOString(), kid: row.kid, jws: row.jws };
}

export function presentPrune(row: PruneRow): TAuditPrune {
  return { id: row.id, eventClass: row.eventClass as EventClass, cutoff: row.cutoff.toISOString(), upToSeq: row.upToSeq.toString(), pruned: row.pruned, anchorId: row.anchorId, at: row.at.toISOString() };
}
