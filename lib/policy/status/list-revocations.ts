// Revocations of identities, keys, grants and access tokens, newest first, each with what was revoked,
// why, by whom and how many of the gateways that must enforce it already do.
import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { RevocationSubject } from "@/lib/identities/record-revocation";
import { pageWhere, toPage, type Page } from "@/lib/pagination";
import { revocationReach, type Reach } from "@/lib/policy/status/revocation-reach";

export type TRevocation = {
  id: string;
  subjectType: RevocationSubject;
  subjectId: string;
  identity: { id: string; name: string; kind: string };
  reason: string;
  /** the recertification campaign item whose decision (or deadline) caused it */
  campaign: { id: string; itemId: string } | null;
  revokedAt: string;
  revision: number | null;
  reach: Reach | null;
};

export async function listRevocations(options: { actor: Actor; cursor?: string; limit: number }): Promise<Page<TRevocation>> {
  assertCan(options.actor, "identities:read");
  const rows = await db().revocation.findMany({ where: pageWhere(options.cursor), orderBy: { id: "desc" }, take: options.limit + 1 });
  const identities = new Map((await db().identity.findMany({ where: { id: { in: rows.map((row) => row.identityId) } }, select: { id: true, name: true, kind: true } })).map((row) => [row.id, row]));
  const reach = await revocationReach(rows);
  return toPage(rows, options.limit, (row) => ({
    id: row.id,
    subjectType: row.subjectType as RevocationSubject,
    subjectId: row.subjectId,
    identity: identities.get(row.identityId) ?? { id: row.identityId, name: row.identityId, kind: "unknown" },
    reason: row.reason,
    campaign: row.campaignId && row.campaignItemId ? { id: row.campaignId, itemId: row.campaignItemId } : null,
    revokedAt: row.revokedAt.toISOString(),
    revision: row.revision === null ? null : Number(row.revision),
    reach: reach.get(row.id) ?? null,
  }));
}
