// Live evidence for review items, read when the items are listed (the snapshot
// keeps what was true at launch; this says what is true now): for a grant scope
// its last use and call count (counted from the enforcement points' reported
// decisions, lib/policy/events/ingest-events.ts) and whether it still stands;
// for an identity its last token issued (from the audit log), orphan status and
// current status; for a tool its current tier. A handful of queries per page,
// whatever the page size (grant scopes are read 250 at a time).
import "server-only";
import type { TItemEvidence } from "@/lib/campaigns/schemas";
import { IDS_PER_QUERY, chunks } from "@/lib/db/chunks";
import { db } from "@/lib/db/client";

type Item = { id: string; targetType: string; targetId: string };
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

async function grantEvidence(items: Item[], now: Date, into: Map<string, TItemEvidence>): Promise<void> {
  const pairs = items.map((item) => item.targetId.split(":") as [string, string]);
  if (pairs.length === 0) return;
  // two bound parameters per pair, and bulk decisions read up to 500 items: sliced under SQLite's 999
  const slices = await Promise.all(
    chunks(pairs, IDS_PER_QUERY / 2).map((slice) =>
      db().grantTool.findMany({
        where: { OR: slice.map(([grantId, toolId]) => ({ grantId, toolId })) },
        select: { grantId: true, toolId: true, revokedAt: true, lastUsedAt: true, useCount: true, lastCertifiedAt: true, grant: { select: { revokedAt: true, expiresAt: true } } },
      }),
    ),
  );
  const rows = slices.flat();
  const byId = new Map(rows.map((row) => [`${row.grantId}:${row.toolId}`, row]));
  for (const item of items) {
    const row = byId.get(item.targetId);
    if (!row) {
      into.set(item.id, { current: "gone" });
      continue;
    }
    const current = row.revokedAt || row.grant.revokedAt ? "revoked" : row.grant.expiresAt && row.grant.expiresAt <= now ? "expired" : "active";
    into.set(item.id, { current, lastUsedAt: iso(row.lastUsedAt), useCount: row.useCount, lastCertifiedAt: iso(row.lastCertifiedAt), expiresAt: iso(row.grant.expiresAt) });
  }
}

async function identityEvidence(items: Item[], into: Map<string, TItemEvidence>): Promise<void> {
  const ids = items.map((item) => item.targetId);
  if (ids.length === 0) return;
  const [identities, tokens] = await Promise.all([
    db().identity.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, lastCertifiedAt: true, owner: { select: { active: true } } } }),
    db().auditEvent.groupBy({ by: ["actorId"], where: { actorId: { in: ids }, action: { in: ["token.issued", "token.exchanged"] } }, _max: { occurredAt: true } }),
  ]);
  const lastToken = new Map(tokens.map((row) => [row.actorId, row._max.occurredAt]));
  const byId = new Map(identities.map((row) => [row.id, row]));
  for (const item of items) {
    const row = byId.get(item.targetId);
    into.set(item.id, row ? { current: row.status, orphaned: !row.owner.active, lastTokenAt: iso(lastToken.get(row.id)), lastCertifiedAt: iso(row.lastCertifiedAt) } : { current: "gone" });
  }
}

async function toolEvidence(items: Item[], into: Map<string, TItemEvidence>): Promise<void> {
  const ids = items.map((item) => item.targetId);
  if (ids.length === 0) return;
  const rows = await db().tool.findMany({ where: { id: { in: ids } }, select: { id: true, tier: true, removedAt: true, lastCertifiedAt: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const item of items) {
    const row = byId.get(item.targetId);
    into.set(item.id, row && !row.removedAt ? { current: row.tier ?? "unclassified", lastCertifiedAt: iso(row.lastCertifiedAt) } : { current: "gone" });
  }
}

export async function liveEvidence(items: Item[], now = new Date()): Promise<Map<string, TItemEvidence>> {
  const evidence = new Map<string, TItemEvidence>();
  await Promise.all([
    grantEvidence(items.filter((item) => item.targetType === "grant_tool"), now, evidence),
    identityEvidence(items.filter((item) => item.targetType === "identity"), evidence),
    toolEvidence(items.filter((item) => item.targetType === "tool"), evidence),
  ]);
  return evidence;
}
