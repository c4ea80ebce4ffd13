// The next batch for a sink: up to batchSize events after its cursor that its
// filter selects, in seq order, and how far the read examined the chain. When
// fewer than batchSize match, everything up to the head was examined, so a
// filter that matches nothing still moves the cursor on. Pruned events are
// forwarded as they are (their content is gone; exportRecord marks them).
import "server-only";
import { exportRecord, type ExportRecord } from "@/lib/audit/otel-fields";
import { selectedActions, sinkFilter } from "@/lib/audit/sinks/filter";
import { auditHeadSeq } from "@/lib/audit/sinks/head";
import { db } from "@/lib/db/client";

export type Batch = {
  records: ExportRecord[];
  firstSeq: bigint | null;
  lastSeq: bigint | null;
  /** the cursor once this batch is delivered: the last seq looked at, matching or not */
  examinedTo: bigint;
};

export async function readBatch(sink: { cursorSeq: bigint; batchSize: number; filter: unknown }): Promise<Batch> {
  // the head before the events: every seq up to it is committed, so bounding
  // the read by it can skip nothing that commits later
  const head = await auditHeadSeq();
  if (head <= sink.cursorSeq) return { records: [], firstSeq: null, lastSeq: null, examinedTo: sink.cursorSeq };
  const actions = selectedActions(sinkFilter(sink.filter));
  const rows =
    actions && actions.length === 0
      ? []
      : await db().auditEvent.findMany({
          where: { seq: { gt: sink.cursorSeq, lte: head }, ...(actions ? { action: { in: actions } } : {}) },
          orderBy: { seq: "asc" },
          take: sink.batchSize,
        });
  const full = rows.length === sink.batchSize;
  return {
    records: rows.map(exportRecord),
    firstSeq: rows[0]?.seq ?? null,
    lastSeq: rows[rows.length - 1]?.seq ?? null,
    examinedTo: full ? rows[rows.length - 1]!.seq : head,
  };
}
