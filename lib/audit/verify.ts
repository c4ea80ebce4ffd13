// Walks the audit chain in order and recomputes every hash. Reports the first
// event whose content, link, position or index columns are wrong, a tombstone
// no signed retention run covers, or an anchor (a signed statement of an
// earlier head) the chain no longer matches; a break cannot be repaired, only
// found. Rows are read in batches, so memory stays flat on millions of events.
//
// `from` makes it incremental: the walk starts after an event a previous
// check verified (the scheduled check does this between daily full walks), and
// only anchors from there on are compared.
import { anchorVerifier, type AnchorRow } from "@/lib/audit/anchor/verify-anchor";
import { FACET_VERSION, facetMismatch, scopesOf } from "@/lib/audit/facets";
import { eventHash, GENESIS_HASH } from "@/lib/audit/hash";
import { pruneCoverage } from "@/lib/audit/retention/coverage";
import { isEmptied } from "@/lib/audit/retention/tombstone";
import type { Db } from "@/lib/db/client";

export type ChainBreak = { seq: string; id: string | null; reason: string };
export type ChainReport = {
  ok: boolean;
  checked: number;
  headSeq: string;
  headHash: string;
  firstBreak: ChainBreak | null;
  durationMs: number;
  /** anchors whose signature and position were checked */
  anchorsChecked: number;
  /** pruned events met on the walk */
  tombstones: number;
  mode: "full" | "incremental";
};

const BATCH = 2000;
const NONE: never[] = [];

/** The anchored hashes by position (several anchors may name one position). */
type AnchorPoints = Map<bigint, { anchorId: string; hash: string }[]>;

const truncated = (seq: bigint) => `anchored head seq ${seq} is missing or changed: the tail was truncated or rewritten`;

async function loadAnchors(verify: ReturnType<typeof anchorVerifier>, rows: AnchorRow[]): Promise<{ points: AnchorPoints; newest: bigint | null; breaks: ChainBreak[] }> {
  const points: AnchorPoints = new Map();
  const breaks: ChainBreak[] = [];
  let newest: bigint | null = null;
  for (const row of rows) {
    const checked = await verify(row);
    if (!checked.ok) {
      breaks.push({ seq: row.seq.toString(), id: null, reason: `anchor ${row.id} is not a valid statement of Warden's: ${checked.reason}` });
      continue;
    }
    points.set(row.seq, [...(points.get(row.seq) ?? []), { anchorId: row.id, hash: row.hash }]);
    if (newest === null || row.seq > newest) newest = row.seq;
  }
  return { points, newest, breaks };
}

/** The AuditEventScope rows of events from..to, by event. */
async function scopeIndex(client: Db, from: bigint, to: bigint): Promise<Map<bigint, string[]>> {
  const rows = await client.auditEventScope.findMany({ where: { seq: { gte: from, lte: to } }, select: { seq: true, scope: true } });
  const bySeq = new Map<bigint, string[]>();
  for (const row of rows) {
    const scopes = bySeq.get(row.seq);
    if (scopes) scopes.push(row.scope);
    else bySeq.set(row.seq, [row.scope]);
  }
  return bySeq;
}

const sameScopes = (stored: string[] | undefined, expected: string[]) => (stored ?? []).length === expected.length && expected.every((scope) => stored!.includes(scope));

export async function verifyAuditChain(client: Db, options: { batchSize?: number; from?: { seq: bigint } } = {}): Promise<ChainReport> {
  const started = performance.now();
  const verify = anchorVerifier(client);
  const from = options.from && options.from.seq > 0n ? options.from.seq : null;
  // Anchors before the head: every anchor read is then at or below the head
  // read next — unless the tail was cut, which is what they are for.
  const anchorRows = await client.auditAnchor.findMany({ where: from !== null ? { seq: { gte: from } } : {}, orderBy: { seq: "asc" } });
  const head = await client.auditHead.findUnique({ where: { id: 1 } });
  const mode = from !== null ? "incremental" : "full";
  if (!head) {
    return { ok: false, checked: 0, headSeq: "0", headHash: "", firstBreak: { seq: "0", id: null, reason: "the chain head row is missing" }, durationMs: 0, anchorsChecked: 0, tombstones: 0, mode };
  }
  const anchors = await loadAnchors(verify, anchorRows);
  const covers = pruneCoverage(client, verify);
  const breaks = [...anchors.breaks];
  let checked = 0;
  let tombstones = 0;
  const report = (): ChainReport => {
    // the lowest position is the first break, whether the walk or an anchor found it
    const firstBreak = breaks.reduce<ChainBreak | null>((first, next) => (first === null || BigInt(next.seq) < BigInt(first.seq) ? next : first), null);
    return { ok: firstBreak === null, checked, headSeq: head.seq.toString(), headHash: head.hash, firstBreak, durationMs: Math.round(performance.now() - started), anchorsChecked: anchorRows.length, tombstones, mode };
  };
  const fail = (seq: bigint, id: string | null, reason: string) => {
    breaks.push({ seq: seq.toString(), id, reason });
    return report();
  };

  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  if (from !== null) {
    const base = await client.auditEvent.findUnique({ where: { seq: from }, select: { seq: true, id: true, hash: true } });
    if (!base || from > head.seq) return fail(from, base?.id ?? null, `event ${from}, verified by an earlier check, is missing: the tail was truncated`);
    for (const point of anchors.points.get(from) ?? NONE) if (point.hash !== base.hash) return fail(from, base.id, truncated(from));
    expectedSeq = from + 1n;
    prevHash = base.hash;
  }
  // Only up to the head read above: events appended since then are not part
  // of the chain being verified (they would look like a removed tail).
  const batch = (fromSeq: bigint) => client.auditEvent.findMany({ where: { seq: { gte: fromSeq, lte: head.seq } }, orderBy: { seq: "asc" }, take: options.batchSize ?? BATCH });
  let next = batch(expectedSeq);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) break;
    // the next batch loads while this one is hashed (PostgreSQL answers meanwhile)
    next = batch(rows[rows.length - 1]!.seq + 1n);
    next.catch(() => {}); // a walk that stops early never awaits it
    const indexed = await scopeIndex(client, rows[0]!.seq, rows[rows.length - 1]!.seq);
    for (const row of rows) {
      if (row.seq !== expectedSeq) return fail(expectedSeq, null, `event ${expectedSeq} is missing (next present is ${row.seq})`);
      if (row.prevHash !== prevHash) return fail(row.seq, row.id, "its link to the previous event does not match (an earlier event was changed or removed)");
      if (row.prunedAt) {
        // its hash covers content that is gone: only the link, the signed run and emptiness can be checked
        if (!(await covers(row))) return fail(row.seq, row.id, "it is marked pruned without a retention run");
        if (!isEmptied(row)) return fail(row.seq, row.id, "it is marked pruned but still holds content its hash can no longer vouch for");
        tombstones += 1;
      } else if (eventHash(row) !== row.hash) {
        return fail(row.seq, row.id, "its content does not match its hash (the event was edited)");
      }
      // rows of older projections wait for the backfill (lib/audit/integrity/backfill-facets.ts)
      if (row.facetVersion === FACET_VERSION) {
        const column = facetMismatch(row, row);
        if (column) return fail(row.seq, row.id, `its index columns do not match its content (${column})`);
        // a tombstone's scope rows go in retention's last step; an interrupted run leaves a few, which is harmless
        if (!row.prunedAt && !sameScopes(indexed.get(row.seq), scopesOf(row.scope))) return fail(row.seq, row.id, "its scope index rows do not match its content (AuditEventScope)");
      }
      for (const point of anchors.points.get(row.seq) ?? NONE) if (point.hash !== row.hash) return fail(row.seq, row.id, truncated(row.seq));
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
  }
  if (expectedSeq - 1n !== head.seq || prevHash !== head.hash) {
    return fail(
      head.seq,
      null,
      `the chain ends at event ${expectedSeq - 1n} but the head records event ${head.seq}: events at the end were removed or the head was altered`,
    );
  }
  if (anchors.newest !== null && anchors.newest > head.seq) return fail(anchors.newest, null, truncated(anchors.newest));
  return report();
}
