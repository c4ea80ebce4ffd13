// Takes an anchor: appends audit.anchored and signs that very event's position
// and hash, so the anchor covers its own announcement and "the head did not
// move since the last anchor" is simply head = last anchor. All in one
// transaction under the chain lock: nothing is appended between reading the
// head and signing it, and two anchoring instances queue.
import "server-only";
import { signAnchor, type AnchorPayload } from "@/lib/audit/anchor/anchor-jws";
import { activeAnchorSigner } from "@/lib/audit/anchor/anchor-keys";
import { appendAuditEvent, lockAuditChain, type AuditActorRef } from "@/lib/audit/append";
import type { EventClass } from "@/lib/audit/event-classes";
import { eventHash } from "@/lib/audit/hash";
import type { RequestContext } from "@/lib/auth/actor";
import { db, type Db } from "@/lib/db/client";
import { transact, type Tx } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { ISSUER } from "@/lib/oauth/config";

export type AnchorRecord = { id: string; seq: bigint; hash: string; signedAt: Date; kid: string; jws: string };
type LastAnchor = { seq: bigint; signedAt: Date } | null;

export type CreateAnchorOptions = {
  actor: AuditActorRef;
  context?: RequestContext | null;
  now?: Date;
  client?: Db;
  /** retention checkpoint: per class, the cutoff the following prune may remove content before */
  retention?: Partial<Record<EventClass, Date>>;
  /** decided under the chain lock: true leaves the chain as it is and returns null */
  skip?: (head: { seq: bigint }, last: LastAnchor) => boolean;
  /** more writes in the same transaction (the retention run's records) */
  alsoInside?: (tx: Tx, anchor: AnchorRecord) => Promise<void>;
};

export class NoSigningKeyError extends Error {
  override name = "NoSigningKeyError";
}

export async function createAnchor(options: CreateAnchorOptions): Promise<AnchorRecord | null> {
  const client = options.client ?? db();
  const now = options.now ?? new Date();
  // decrypt and import outside the lock; appenders wait only for the signature itself
  const signer = await activeAnchorSigner(client);
  if (!signer) throw new NoSigningKeyError("Warden has no active signing key to sign the anchor with");
  const retention = options.retention ? Object.fromEntries(Object.entries(options.retention).map(([eventClass, cutoff]) => [eventClass, cutoff.toISOString()])) : undefined;
  return transact(async (tx) => {
    const head = await lockAuditChain(tx);
    const last = await tx.auditAnchor.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, signedAt: true } });
    if (options.skip?.(head, last)) return null;
    const id = newId("auditAnchor");
    const event = await appendAuditEvent(tx, {
      action: "audit.anchored",
      actor: options.actor,
      target: { type: "audit_anchor", id },
      details: { anchorId: id, kid: signer.kid, previousSeq: last?.seq.toString() ?? null, ...(retention ? { retention } : {}) },
      context: options.context,
      at: now,
    });
    const hash = eventHash(event);
    const payload: AnchorPayload = { iss: ISSUER(), seq: event.seq.toString(), hash, signedAt: now.toISOString(), ...(retention ? { retention } : {}) };
    const anchor: AnchorRecord = { id, seq: event.seq, hash, signedAt: now, kid: signer.kid, jws: await signAnchor(signer, payload) };
    await tx.auditAnchor.create({ data: anchor });
    await options.alsoInside?.(tx, anchor);
    return anchor;
  }, client);
}
