// Admins change a capability tag's name or description (built-in tags too);
// its id never changes, since tools and policies refer to it.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { presentCapabilityTag, tagUsage } from "@/lib/capabilities/present";
import { ZUpdateCapabilityTagInput, type TCapabilityTag, type TUpdateCapabilityTagInput } from "@/lib/capabilities/schemas";
import { transact } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors/app-error";

export async function updateCapabilityTag(options: { actor: Actor; tag: string; input: TUpdateCapabilityTagInput; context?: RequestContext | null }): Promise<TCapabilityTag> {
  const { actor, tag, context } = options;
  assertCan(actor, "grants:manage");
  const input = ZUpdateCapabilityTagInput.parse(options.input);
  return transact(async (tx) => {
    const existing = await tx.capabilityTag.findUnique({ where: { tag } });
    if (!existing) throw notFound("Capability tag");
    const changed = (["name", "description"] as const).filter((field) => input[field] !== undefined && input[field] !== existing[field]);
    const row = changed.length ? await tx.capabilityTag.update({ where: { tag }, data: { name: input.name, description: input.description } }) : existing;
    if (changed.length) {
      await appendAuditEvent(tx, {
        action: "capability_tag.updated",
        actor: actorRef(actor),
        target: { type: "capability_tag", id: tag },
        details: { tag, changed, before: Object.fromEntries(changed.map((field) => [field, existing[field]])), after: Object.fromEntries(changed.map((field) => [field, row[field]])) },
        context,
      });
    }
    return presentCapabilityTag(row, (await tagUsage(tx, [tag]))(tag));
  });
}
