// Transfers an identity to a new primary owner (and optionally changes the
// backup owner). Current owners or admins may do it; the new owner must be an
// active user. The audit event records the old and new owners.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import type { Tx } from "@/lib/db/transaction";
import { conflict, invalid } from "@/lib/errors/app-error";
import { loadIdentityForChange } from "@/lib/identities/access";
import { assertActiveUser } from "@/lib/identities/checks";
import { IDENTITY_INCLUDE, presentIdentity } from "@/lib/identities/present";
import { ZTransferInput, type TIdentity } from "@/lib/identities/schemas";
import type { z } from "zod";

/** Moves one identity to a new owner inside the caller's transaction; used by transfers and bulk reassignment. */
export async function moveOwnership(
  tx: Tx,
  options: { actor: Actor; identity: { id: string; kind: string; ownerId: string; backupOwnerId: string | null; status: string }; ownerId: string; backupOwnerId?: string | null; reason: string | null; via: string; context?: RequestContext | null },
): Promise<void> {
  const { identity } = options;
  if (identity.status === "revoked") throw conflict(`${identity.id} is revoked; revoked identities keep their last owner on record`);
  const backupOwnerId = options.backupOwnerId === undefined ? (identity.backupOwnerId === options.ownerId ? null : identity.backupOwnerId) : options.backupOwnerId;
  if (backupOwnerId && backupOwnerId === options.ownerId) throw invalid("The backup owner must be someone else", [{ path: "backupOwnerId", message: "same as the new owner" }]);
  if (backupOwnerId && backupOwnerId !== identity.backupOwnerId) await assertActiveUser(tx, backupOwnerId, "backupOwnerId");
  await tx.identity.update({ where: { id: identity.id }, data: { ownerId: options.ownerId, backupOwnerId } });
  await appendAuditEvent(tx, {
    action: "identity.owner_transferred",
    actor: actorRef(options.actor),
    target: { type: identity.kind, id: identity.id },
    details: { from: { ownerId: identity.ownerId, backupOwnerId: identity.backupOwnerId }, to: { ownerId: options.ownerId, backupOwnerId }, reason: options.reason, via: options.via },
    context: options.context,
  });
}

export async function transferOwnership(options: { actor: Actor; identityId: string; input: z.input<typeof ZTransferInput>; context?: RequestContext | null }): Promise<TIdentity> {
  const { actor, identityId, context } = options;
  const input = ZTransferInput.parse(options.input);
  const row = await transact(async (tx) => {
    const identity = await loadIdentityForChange(tx, actor, identityId);
    await assertActiveUser(tx, input.ownerId, "ownerId");
    if (input.ownerId === identity.ownerId && (input.backupOwnerId === undefined || input.backupOwnerId === identity.backupOwnerId)) {
      throw conflict("Nothing to transfer: this user already owns it");
    }
    await moveOwnership(tx, { actor, identity, ownerId: input.ownerId, backupOwnerId: input.backupOwnerId, reason: input.reason ?? null, via: "transfer", context });
    return tx.identity.findUniqueOrThrow({ where: { id: identityId }, include: IDENTITY_INCLUDE });
  });
  return presentIdentity(row);
}
