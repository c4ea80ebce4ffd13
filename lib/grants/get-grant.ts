// One grant, by id.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { GRANT_INCLUDE, presentGrant } from "@/lib/grants/present";
import type { TGrant } from "@/lib/grants/schemas";

export async function getGrant(options: { actor: Actor; grantId: string }): Promise<TGrant> {
  assertCan(options.actor, "identities:read");
  const row = await db().grant.findUnique({ where: { id: options.grantId }, include: GRANT_INCLUDE });
  if (!row) throw notFound("Grant");
  return presentGrant(row);
}
