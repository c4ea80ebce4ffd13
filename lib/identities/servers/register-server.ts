// Registers an MCP server identity. Owners register servers they own; naming
// another owner needs identities:manage-any. The owner must be an active user,
// and the resource URI unique across Warden.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { conflict, forbidden, invalid } from "@/lib/errors/app-error";
import { newId } from "@/lib/ids";
import { presentServer, SERVER_INCLUDE } from "@/lib/identities/servers/present";
import { ZRegisterServerInput, type TRegisterServerInput, type TServer } from "@/lib/identities/servers/schemas";

export async function registerServer(options: { actor: Actor; input: TRegisterServerInput; context?: RequestContext | null }): Promise<TServer> {
  const { actor, context } = options;
  assertCan(actor, "identities:register");
  const input = ZRegisterServerInput.parse(options.input);
  if (input.ownerId !== actor.userId && !can(actor, "identities:manage-any")) {
    throw forbidden("You can only register servers that you own");
  }
  const row = await transact(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: input.ownerId }, select: { active: true } });
    if (!owner) throw invalid("The owner does not exist", [{ path: "ownerId", message: "no such user" }]);
    if (!owner.active) throw invalid("The owner must be an active user", [{ path: "ownerId", message: "user is deactivated" }]);
    const taken = await tx.identity.findUnique({ where: { resourceUri: input.resourceUri }, select: { id: true } });
    if (taken) throw conflict(`Another identity (${taken.id}) already uses this resource URI`, [{ path: "resourceUri", message: "already registered" }]);
    const id = newId("server");
    const created = await tx.identity.create({
      data: {
        id,
        kind: "server",
        name: input.name,
        description: input.description || null,
        resourceUri: input.resourceUri,
        ownerId: input.ownerId,
        createdById: actor.userId,
        searchText: `${input.name} ${id} ${input.resourceUri}`.toLowerCase(),
      },
      include: SERVER_INCLUDE,
    });
    await appendAuditEvent(tx, {
      action: "server.registered",
      actor: actorRef(actor),
      target: { type: "server", id },
      details: { name: created.name, resourceUri: created.resourceUri, ownerId: created.ownerId },
      context,
    });
    return created;
  });
  return presentServer(row);
}
