import "server-only";
// Loading what a key operation changes, inside its transaction: the identity
// (owners, backup owners and admins only — lib/identities/access.ts) and one of
// its keys. A revoked identity takes no new keys or challenges; its existing
// keys may still be retired or revoked.
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/transaction";
import { conflict, notFound } from "@/lib/errors/app-error";
import { loadIdentityForChange } from "@/lib/identities/access";

export async function loadIdentityForNewKeys(tx: Tx, actor: Actor, identityId: string) {
  const identity = await loadIdentityForChange(tx, actor, identityId);
  if (identity.status === "revoked") throw conflict("This identity is revoked: it cannot take new keys");
  return identity;
}

export async function loadKeyForChange(tx: Tx, actor: Actor, identityId: string, keyId: string) {
  const identity = await loadIdentityForChange(tx, actor, identityId);
  const key = await tx.identityKey.findFirst({ where: { id: keyId, identityId } });
  if (!key) throw notFound("Key");
  return { identity, key };
}
