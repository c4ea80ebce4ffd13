// One access request, by id (anyone who can read the inventory).
import "server-only";
import { ACCESS_REQUEST_INCLUDE, presentAccessRequest } from "@/lib/access-requests/present";
import type { TAccessRequest } from "@/lib/access-requests/schemas";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

export async function getAccessRequest(options: { actor: Actor; requestId: string; now?: Date }): Promise<TAccessRequest> {
  assertCan(options.actor, "identities:read");
  const row = await db().accessRequest.findUnique({ where: { id: options.requestId }, include: ACCESS_REQUEST_INCLUDE });
  if (!row) throw notFound("Access request");
  return presentAccessRequest(db(), row, options.actor, options.now);
}
