// Creates a toxic-combination policy (admins): a set of capability tags no
// agent may hold together, and what to do about it. Agents that already hold
// the combination are flagged at once, and in block mode their offending
// grants are suspended, in the same transaction.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { newId } from "@/lib/ids";
import { assertTagsExist, reevaluateForPolicy } from "@/lib/toxic/policy-support";
import { presentPolicy } from "@/lib/toxic/present";
import { ZCreateToxicPolicyInput, type TCreateToxicPolicyInput, type TToxicPolicy } from "@/lib/toxic/schemas";

export async function createToxicPolicy(options: { actor: Actor; input: TCreateToxicPolicyInput; context?: RequestContext | null }): Promise<TToxicPolicy & { flaggedAgentIds: string[] }> {
  const { actor, context } = options;
  assertCan(actor, "grants:manage");
  const input = ZCreateToxicPolicyInput.parse(options.input);
  return transact(async (tx) => {
    await assertTagsExist(tx, input.tags);
    const created = await tx.toxicPolicy.create({
      data: { id: newId("toxicPolicy"), name: input.name, description: input.description || null, tags: input.tags, mode: input.mode, enabled: input.enabled, createdById: actor.userId },
    });
    await appendAuditEvent(tx, {
      action: "toxic_policy.created",
      actor: actorRef(actor),
      target: { type: "toxic_policy", id: created.id },
      details: { name: input.name, tags: input.tags, mode: input.mode, enabled: input.enabled },
      context,
    });
    const flagged = input.enabled ? await reevaluateForPolicy(tx, created.id, input.tags, `toxic policy ${created.id} created`) : [];
    const open = await tx.toxicFinding.count({ where: { policyId: created.id, status: "open" } });
    return { ...presentPolicy(created, open), flaggedAgentIds: flagged };
  });
}
