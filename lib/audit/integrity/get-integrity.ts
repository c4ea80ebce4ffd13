// The integrity summary auditors and admins see: the latest verifications
// (scheduled and on demand), anchors, retention settings and recent runs.
import "server-only";
import { FACET_VERSION } from "@/lib/audit/facets";
import { presentAnchor, presentCheck, presentPrune } from "@/lib/audit/integrity/present";
import type { TAuditIntegrity } from "@/lib/audit/integrity/schemas";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { readSettings } from "@/lib/settings/get-settings";

const RECENT = 20;
const newestFirst = [{ finishedAt: "desc" as const }, { id: "desc" as const }];

export async function getAuditIntegrity(options: { actor: Actor }): Promise<TAuditIntegrity> {
  assertCan(options.actor, "audit:read");
  const client = db();
  // one query at a time: on PostgreSQL a pool connection each would be wasted on tiny reads
  const recentChecks = await client.auditCheck.findMany({ orderBy: newestFirst, take: RECENT });
  const latestScheduled = await client.auditCheck.findFirst({ where: { trigger: "scheduled" }, orderBy: newestFirst });
  const latestUser = await client.auditCheck.findFirst({ where: { trigger: "user" }, orderBy: newestFirst });
  const latestAnchor = await client.auditAnchor.findFirst({ orderBy: { seq: "desc" } });
  const anchorCount = await client.auditAnchor.count();
  const recentPrunes = await client.auditPrune.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], take: RECENT });
  const pending = await client.auditEvent.findFirst({ where: { facetVersion: { lt: FACET_VERSION } }, select: { seq: true } });
  const settings = await readSettings(client);
  return {
    latestCheck: recentChecks[0] ? presentCheck(recentChecks[0]) : null,
    latestScheduled: latestScheduled ? presentCheck(latestScheduled) : null,
    latestUser: latestUser ? presentCheck(latestUser) : null,
    recentChecks: recentChecks.map(presentCheck),
    latestAnchor: latestAnchor ? presentAnchor(latestAnchor) : null,
    anchorCount,
    retention: { auditRetentionDays: settings.auditRetentionDays, auditAnchorIntervalMinutes: settings.auditAnchorIntervalMinutes },
    recentPrunes: recentPrunes.map(presentPrune),
    facetBackfillPending: pending !== null,
  };
}
