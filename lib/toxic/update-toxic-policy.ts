// Changes a toxic-combination policy (admins): its words, tags, mode, or
// enables / disables it. Every agent the policy concerned before or concerns
// now is re-evaluated in the same transaction: findings open or resolve, and
// block mode suspends the offending grants. Disabling resolves its findings;
// suspensions stay until an admin lifts them (lib/toxic/lift-grant-suspension.ts).
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors/app-error";
import { storedTags } from "@/lib/toxic/evaluate";
import { assertTagsExist, reevaluateForPolicy } from "@/lib/toxic/policy-support";
import { presentPolicy } from "@/lib/toxic/present";
import { ZUpdateToxicPolicyInput, type TToxicPolicy, type TUpdateToxicPolicyInput } from "@/lib/toxic/schemas";

export async function updateToxicPolicy(options: {
  actor: Actor;
  policyId: string;
  input: TUpdateToxicPolicyInput;
  context?: RequestContext | null;
}): Promise<TToxicPolicy & { flaggedAgentIds: string[] }> {
  const { actor, policyId, context } = options;
  assertCan(actor, "grants:manage");
  const input = ZUpdateToxicPolicyInput.parse(options.input);
  return transact(async (tx) => {
    const before = await tx.toxicPolicy.findUnique({ where: { id: policyId } });
    if (!before) throw notFound("Toxic-combination policy");
    if (input.tags) await assertTagsExist(tx, input.tags);
    const updated = await tx.toxicPolicy.update({
      where: { id: policyId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        ...(input.mode !== undefined ? { mode: input.mode } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      },
    });
    const oldTags = storedTags(before.tags);
    const changes = Object.fromEntries(
      (["name", "description", "tags", "mode", "enabled"] as const)
        .filter((field) => input[field] !== undefined && JSON.stringify(input[field]) !== JSON.stringify(field === "tags" ? oldTags : before[field]))
        .map((field) => [field, { from: field === "tags" ? oldTags : before[field], to: input[field] }]),
    );
    await appendAuditEvent(tx, { action: "toxic_policy.updated", actor: actorRef(actor), target: { type: "toxic_policy", id: policyId }, details: { name: updated.name, changes }, context });
    const flagged = await reevaluateForPolicy(tx, policyId, [...new Set([...oldTags, ...storedTags(updated.tags)])], `toxic policy ${policyId} updated`);
    const open = await tx.toxicFinding.count({ where: { policyId, status: "open" } });
    return { ...presentPolicy(updated, open), flaggedAgentIds: flagged };
  });
}
