// One identity, by id (and kind, when the route names one).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { KIND_INFO, type IdentityKind } from "@/lib/identities/kinds";
import { IDENTITY_INCLUDE, presentIdentity } from "@/lib/identities/present";
import type { TIdentity } from "@/lib/identities/schemas";

export async function getIdentity(options: { actor: Actor; identityId: string; kind?: IdentityKind }): Promise<TIdentity> {
  assertCan(options.actor, "identities:read");
  const row = await db().identity.findUnique({ where: { id: options.identityId }, include: IDENTITY_INCLUDE });
  if (!row || (options.kind && row.kind !== options.kind)) throw notFound(options.kind ? KIND_INFO[options.kind].label : "Identity");
  return presentIdentity(row);
}
