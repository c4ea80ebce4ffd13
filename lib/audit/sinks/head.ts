// The seq of the newest committed audit event. Appenders update the head row
// in the same transaction as their rows, and queue on its lock, so every event
// with seq ≤ the head read here is committed and visible to a later read.
import "server-only";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";

export async function auditHeadSeq(client: Pick<Tx, "auditHead"> = db()): Promise<bigint> {
  const head = await client.auditHead.findUnique({ where: { id: 1 }, select: { seq: true } });
  return head?.seq ?? 0n;
}
