// On-demand verification of the audit chain by a user (auditor or admin); the
// check itself is recorded in the chain.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { verifyAuditChain, type ChainReport } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";

export async function verifyChainAsUser(options: { actor: Actor; context?: RequestContext | null }): Promise<ChainReport> {
  assertCan(options.actor, "audit:verify");
  const report = await verifyAuditChain(db());
  await transact((tx) =>
    appendAuditEvent(tx, {
      action: "audit.chain_verified",
      actor: actorRef(options.actor),
      outcome: report.ok ? "success" : "failure",
      details: { checked: report.checked, headSeq: report.headSeq, firstBreak: report.firstBreak },
      context: options.context,
    }),
  );
  return report;
}
