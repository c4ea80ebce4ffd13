// One trusted attester.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { ATTESTER_SELECT, presentAttester } from "@/lib/attesters/present";
import type { TAttester } from "@/lib/attesters/schemas";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

export async function getAttester(options: { actor: Actor; attesterId: string }): Promise<TAttester> {
  assertCan(options.actor, "settings:read");
  const row = await db().trustedAttester.findUnique({ where: { id: options.attesterId }, select: ATTESTER_SELECT });
  if (!row) throw notFound("Attester");
  return presentAttester(row);
}
