// The public view of an audit sink: its settings and delivery status, never
// its secret. Lag is measured against the chain head read by the caller.
import { sinkFilter } from "@/lib/audit/sinks/filter";
import type { TAuditSink } from "@/lib/audit/sinks/schemas";
import type { AuditSinkKind } from "@/lib/audit/sinks/target-shape";

export type SinkRow = {
  id: string;
  name: string;
  kind: string;
  target: string;
  filter: unknown;
  batchSize: number;
  enabled: boolean;
  cursorSeq: bigint;
  failures: number;
  nextAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Columns to read for a view: everything but the sealed secret. */
export const OMIT_SECRET = { secretEnc: true } as const;

export function presentAuditSink(row: SinkRow, headSeq: bigint): TAuditSink {
  const lag = headSeq > row.cursorSeq ? headSeq - row.cursorSeq : 0n;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as AuditSinkKind,
    target: row.target,
    filter: sinkFilter(row.filter),
    batchSize: row.batchSize,
    enabled: row.enabled,
    status: !row.enabled ? "disabled" : row.failures > 0 ? "failing" : "ok",
    cursorSeq: row.cursorSeq.toString(),
    headSeq: headSeq.toString(),
    lag: Number(lag),
    failures: row.failures,
    nextAttemptAt: row.enabled && row.failures > 0 ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    lastError: row.lastError,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
