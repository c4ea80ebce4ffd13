// Deletes a toxic-combination policy and its findings (admins). Grants it
// suspended stay suspended until an admin lifts them after review: deleting
// the rule is not a decision that the access was right.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors/app-error";
import { storedTags } from "@/lib/toxic/evaluate";
import { openFindingCounts, presentPolicy } from "@/lib/toxic/present";
import type { TToxicPolicy } from "@/lib/toxic/schemas";

export async function deleteToxicPolicy(options: { actor: Actor; policyId: string; context?: RequestContext | null }): Promise<TToxicPolicy> {
  const { actor, policyId, context } = options;
  assertCan(actor, "grants:manage");
  return transact(async (tx) => {
    const policy = await tx.toxicPolicy.findUnique({ where: { id: policyId } });
    if (!policy) throw notFound("Toxic-combination policy");
    const open = (await openFindingCounts(tx, [policyId])).get(policyId) ?? 0;
    const findings = await tx.toxicFinding.count({ where: { policyId } });
    await tx.toxicPolicy.delete({ where: { id: policyId } });
    await appendAuditEvent(tx, {
      action: "toxic_policy.deleted",
      actor: actorRef(actor),
      target: { type: "toxic_policy", id: policyId },
      details: { name: policy.name, tags: storedTags(policy.tags), mode: policy.mode, enabled: policy.enabled, findingsDeleted: findings, openFindings: open },
      context,
    });
    return presentPolicy(policy, open);
  });
}
