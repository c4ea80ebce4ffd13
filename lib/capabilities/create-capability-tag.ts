// Admins define a capability tag: a lowercase id that tools and
// toxic-combination policies refer to, a name and a description.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { presentCapabilityTag } from "@/lib/capabilities/present";
import { ZCreateCapabilityTagInput, type TCapabilityTag, type TCreateCapabilityTagInput } from "@/lib/capabilities/schemas";
import { transact } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";

export async function createCapabilityTag(options: { actor: Actor; input: TCreateCapabilityTagInput; context?: RequestContext | null }): Promise<TCapabilityTag> {
  const { actor, context } = options;
  assertCan(actor, "grants:manage");
  const input = ZCreateCapabilityTagInput.parse(options.input);
  return transact(async (tx) => {
    if (await tx.capabilityTag.findUnique({ where: { tag: input.tag }, select: { tag: true } })) {
      throw conflict(`A capability tag "${input.tag}" already exists`, [{ path: "tag", message: "already exists" }]);
    }
    const row = await tx.capabilityTag.create({ data: { tag: input.tag, name: input.name, description: input.description, builtin: false } });
    await appendAuditEvent(tx, {
      action: "capability_tag.created",
      actor: actorRef(actor),
      target: { type: "capability_tag", id: row.tag },
      details: { tag: row.tag, name: row.name, description: row.description },
      context,
    });
    return presentCapabilityTag(row, { approved: 0, proposed: 0, policies: [] });
  });
}
