// Walks the whole audit chain in order and recomputes every hash. Reports the
// first event whose content, link or position is wrong; a break cannot be
// repaired, only found.
import type { Db } from "@/lib/db/client";
import { eventHash, GENESIS_HASH } from "@/lib/audit/hash";

export type ChainBreak = { seq: string; id: string | null; reason: string };
export type ChainReport = { ok: boolean; checked: number; headSeq: string; headHash: string; firstBreak: ChainBreak | null; durationMs: number };

const BATCH = 2000;

export async function verifyAuditChain(client: Db, options: { batchSize?: number } = {}): Promise<ChainReport> {
  const started = performance.now();
  const head = await client.auditHead.findUnique({ where: { id: 1 } });
  if (!head) {
    return { ok: false, checked: 0, headSeq: "0", headHash: "", firstBreak: { seq: "0", id: null, reason: "the chain head row is missing" }, durationMs: 0 };
  }
  const report = (checked: number, firstBreak: ChainBreak | null): ChainReport => ({
    ok: firstBreak === null,
    checked,
    headSeq: head.seq.toString(),
    headHash: head.hash,
    firstBreak,
    durationMs: Math.round(performance.now() - started),
  });
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    // Only up to the head read above: events appended since then are not part
    // of the chain being verified (they would look like a removed tail).
    const rows = await client.auditEvent.findMany({
      where: { seq: { gte: expectedSeq, lte: head.seq } },
      orderBy: { seq: "asc" },
      take: options.batchSize ?? BATCH,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return report(checked, { seq: expectedSeq.toString(), id: null, reason: `event ${expectedSeq} is missing (next present is ${row.seq})` });
      }
      if (row.prevHash !== prevHash) {
        return report(checked, { seq: row.seq.toString(), id: row.id, reason: "its link to the previous event does not match (an earlier event was changed or removed)" });
      }
      if (eventHash(row) !== row.hash) {
        return report(checked, { seq: row.seq.toString(), id: row.id, reason: "its content does not match its hash (the event was edited)" });
      }
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
  }
  if (expectedSeq - 1n !== head.seq || prevHash !== head.hash) {
    return report(checked, {
      seq: head.seq.toString(),
      id: null,
      reason: `the chain ends at event ${expectedSeq - 1n} but the head records event ${head.seq}: events at the end were removed or the head was altered`,
    });
  }
  return report(checked, null);
}
