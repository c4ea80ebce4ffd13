// Exports the events a filter selects as CSV or JSON Lines, oldest first, in
// the OpenTelemetry-style field names of lib/audit/otel-fields.ts. Streamed:
// one keyset page (by seq) is read per pull, so an export of millions of
// events holds one page in memory. The export itself is audited (who, which
// filter, which format) before the first byte is sent.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { auditFilterWhere } from "@/lib/audit/filter-where";
import { EXPORT_FIELDS, exportRecord } from "@/lib/audit/otel-fields";
import type { TAuditFilter } from "@/lib/audit/schemas";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { csvLine } from "@/lib/format/csv";

export type ExportFormat = "csv" | "jsonl";
const PAGE = 1000;

/** Pages of matching rows, oldest first, up to the chain position the export started at. */
async function* pages(filter: TAuditFilter, upTo: bigint) {
  const where = auditFilterWhere(filter);
  let after = 0n;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where: { AND: [where, { seq: { gt: after, lte: upTo } }] }, orderBy: { seq: "asc" }, take: PAGE });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.seq;
    if (rows.length < PAGE) return;
  }
}

export async function exportAuditEvents(options: {
  actor: Actor;
  filter: TAuditFilter;
  format: ExportFormat;
  context?: RequestContext | null;
}): Promise<ReadableStream<Uint8Array>> {
  assertCan(options.actor, "audit:read");
  // the export covers the chain as it was when it started; it is recorded after that point, so it does not export itself
  const head = await db().auditHead.findUniqueOrThrow({ where: { id: 1 } });
  await transact((tx) =>
    appendAuditEvent(tx, {
      action: "audit.exported",
      actor: actorRef(options.actor),
      details: { format: options.format, filter: options.filter, upToSeq: head.seq.toString() },
      context: options.context,
    }),
  );
  const source = pages(options.filter, head.seq);
  const encoder = new TextEncoder();
  let headerSent = options.format !== "csv";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(EXPORT_FIELDS)));
        return;
      }
      const next = await source.next();
      if (next.done) return controller.close();
      const text =
        options.format === "csv"
          ? next.value
              .map((row) => {
                const record = exportRecord(row);
                return csvLine(EXPORT_FIELDS.map((field) => record[field]));
              })
              .join("")
          : // JSON Lines keeps details as an object rather than the CSV's JSON text
            next.value.map((row) => `${JSON.stringify({ ...exportRecord(row), "warden.audit.details": row.details })}\n`).join("");
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
