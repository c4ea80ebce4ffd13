// Who may change an identity: its primary or backup owner, or anyone with
// identities:manage-any (admins). The check loads the identity with the
// ownership condition in the query, so "not yours" and "not found" are the
// same answer for people who cannot read the inventory; readers get a 403.
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/transaction";
import { forbidden, notFound } from "@/lib/errors/app-error";
import { KIND_INFO, kindOfId, type IdentityKind } from "@/lib/identities/kinds";

export function ownsIdentity(actor: Actor, identity: { ownerId: string; backupOwnerId: string | null }): boolean {
  return actor.userId !== null && (identity.ownerId === actor.userId || identity.backupOwnerId === actor.userId);
}

export function canChangeIdentity(actor: Actor, identity: { ownerId: string; backupOwnerId: string | null }): boolean {
  return can(actor, "identities:manage-any") || (can(actor, "identities:register") && ownsIdentity(actor, identity));
}

/** Loads an identity for a change, inside the transaction; throws 404 or 403. */
export async function loadIdentityForChange(tx: Tx, actor: Actor, identityId: string, kind?: IdentityKind) {
  assertCan(actor, "identities:register");
  const identity = await tx.identity.findUnique({ where: { id: identityId } });
  const label = kind ? KIND_INFO[kind].label : (KIND_INFO[kindOfId(identityId) ?? "server"]?.label ?? "Identity");
  if (!identity || (kind && identity.kind !== kind)) throw notFound(label);
  if (!canChangeIdentity(actor, identity)) {
    // an API token scoped without identities:read must not learn that the identity exists
    if (!can(actor, "identities:read")) throw notFound(label);
    throw forbidden(`Only the owners of this ${label.toLowerCase()} and admins can change it`);
  }
  return identity;
}
