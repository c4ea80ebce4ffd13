// Admins delete a capability tag they defined, once nothing uses it: built-in
// tags stay (the seeded policies and the proposal rules name them), and a tag
// on a tool or in a toxic-combination policy is refused, naming where it is used.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { policyTags, presentCapabilityTag } from "@/lib/capabilities/present";
import type { TCapabilityTag } from "@/lib/capabilities/schemas";
import { transact } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";

const MAX_NAMED = 5;

function named(items: string[]): string {
  const shown = items.slice(0, MAX_NAMED).join(", ");
  return items.length > MAX_NAMED ? `${shown} and ${items.length - MAX_NAMED} more` : shown;
}

export async function deleteCapabilityTag(options: { actor: Actor; tag: string; context?: RequestContext | null }): Promise<TCapabilityTag> {
  const { actor, tag, context } = options;
  assertCan(actor, "grants:manage");
  return transact(async (tx) => {
    const existing = await tx.capabilityTag.findUnique({ where: { tag } });
    if (!existing) throw notFound("Capability tag");
    if (existing.builtin) throw conflict(`"${tag}" is a built-in capability tag and cannot be deleted`);
    const uses = await tx.toolCapability.findMany({ where: { tag }, select: { status: true, tool: { select: { name: true, server: { select: { name: true } } } } }, orderBy: { toolId: "asc" } });
    const policies = (await tx.toxicPolicy.findMany({ select: { name: true, tags: true }, orderBy: { name: "asc" } })).filter((policy) => policyTags(policy.tags).includes(tag));
    if (uses.length || policies.length) {
      const where = [
        ...(uses.length ? [`${uses.length === 1 ? "1 tool" : `${uses.length} tools`} (${named(uses.map((use) => `${use.tool.name} on ${use.tool.server.name}${use.status === "proposed" ? ", proposed" : ""}`))})`] : []),
        ...(policies.length ? [`${policies.length === 1 ? "the toxic-combination policy" : "the toxic-combination policies"} ${named(policies.map((policy) => `"${policy.name}"`))}`] : []),
      ];
      throw conflict(`"${tag}" is in use by ${where.join(" and ")}: remove it there first`);
    }
    await tx.capabilityTag.delete({ where: { tag } });
    await appendAuditEvent(tx, {
      action: "capability_tag.deleted",
      actor: actorRef(actor),
      target: { type: "capability_tag", id: tag },
      details: { tag, name: existing.name, description: existing.description },
      context,
    });
    return presentCapabilityTag(existing, { approved: 0, proposed: 0, policies: [] });
  });
}
