// The "audit-anchor" job (lib/jobs/scheduler.ts): every
// auditAnchorIntervalMinutes, signs the chain head — unless nothing was
// appended since the last anchor (an idle chain needs no new statement).
import "server-only";
import { createAnchor, NoSigningKeyError } from "@/lib/audit/anchor/create-anchor";
import { actorRef } from "@/lib/audit/append";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db, type Db } from "@/lib/db/client";
import { readSettings } from "@/lib/settings/get-settings";

export type AnchorJobSummary = { anchored: boolean; seq?: string; skipped?: string };

type Last = { seq: bigint; signedAt: Date } | null;

export async function runAuditAnchorJob(now = new Date(), options: { client?: Db } = {}): Promise<AnchorJobSummary> {
  const client = options.client ?? db();
  const minutes = (await readSettings(client)).auditAnchorIntervalMinutes;
  if (minutes === 0) return { anchored: false, skipped: "periodic anchoring is off" };
  const dueBefore = now.getTime() - minutes * 60_000;
  const whyNot = (head: { seq: bigint } | null, last: Last): string | null => {
    if (!last) return null;
    if (last.signedAt.getTime() > dueBefore) return "not due yet";
    return head && last.seq === head.seq ? "the head has not moved since the last anchor" : null;
  };
  // checked first without the lock, so most runs cost one query and no key decryption
  const early = whyNot(null, await client.auditAnchor.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, signedAt: true } }));
  if (early) return { anchored: false, skipped: early };
  let skipped = "";
  try {
    const anchor = await createAnchor({
      actor: actorRef(SYSTEM_ACTOR),
      now,
      client,
      skip: (head, last) => {
        skipped = whyNot(head, last) ?? "";
        return skipped !== "";
      },
    });
    return anchor ? { anchored: true, seq: anchor.seq.toString() } : { anchored: false, skipped };
  } catch (error) {
    if (error instanceof NoSigningKeyError) return { anchored: false, skipped: error.message };
    throw error;
  }
}
