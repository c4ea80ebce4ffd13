// On-demand verification of the audit chain by a user (auditor or admin): a
// full walk, recorded as an AuditCheck (trigger "user") and in the chain
// itself (audit.chain_verified; audit.chain_broken too when the break is new).
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef } from "@/lib/audit/append";
import { recordAuditCheck } from "@/lib/audit/integrity/record-check";
import { verifyAuditChain, type ChainReport } from "@/lib/audit/verify";
import { db } from "@/lib/db/client";

export async function verifyChainAsUser(options: { actor: Actor; context?: RequestContext | null }): Promise<ChainReport> {
  assertCan(options.actor, "audit:verify");
  const startedAt = new Date();
  const report = await verifyAuditChain(db());
  const actor = actorRef(options.actor);
  await recordAuditCheck(db(), {
    trigger: "user",
    report,
    startedAt,
    actor,
    context: options.context,
    alsoAppend: [
      {
        action: "audit.chain_verified",
        actor,
        outcome: report.ok ? "success" : "failure",
        details: { checked: report.checked, headSeq: report.headSeq, firstBreak: report.firstBreak, anchorsChecked: report.anchorsChecked },
        context: options.context,
      },
    ],
  });
  return report;
}
