import "server-only";
// Lists an identity's keys, newest first, with their status, public JWK and protection (and the attester that showed it hardware-bound).
// Public keys are not secret: anyone who can read the inventory may see them.
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { KIND_INFO, kindOfId } from "@/lib/identities/kinds";
import { ATTESTER_OF_KEY, presentKey } from "@/lib/identities/keys/present";
import type { TKey, TListKeysQuery } from "@/lib/identities/keys/schemas";
import { pageWhere, toPage, type Page } from "@/lib/pagination";

export async function listKeys(options: { actor: Actor; identityId: string; query: TListKeysQuery }): Promise<Page<TKey> & { total: number }> {
  const { actor, identityId, query } = options;
  assertCan(actor, "identities:read");
  const identity = await db().identity.findUnique({ where: { id: identityId }, select: { id: true } });
  const kind = kindOfId(identityId);
  if (!identity) throw notFound(kind ? KIND_INFO[kind].label : "Identity");
  const scope = { identityId, ...(query.status ? { status: query.status } : {}) };
  const [rows, total] = await Promise.all([
    db().identityKey.findMany({ where: { ...scope, ...pageWhere(query.cursor) }, orderBy: { id: "desc" }, take: query.limit + 1, include: ATTESTER_OF_KEY }),
    db().identityKey.count({ where: scope }),
  ]);
  return { ...toPage(rows, query.limit, presentKey), total };
}
