// The enforcement fleet as the console shows it: every gateway (reported or
// not) and every MCP server that reported, with the revision it enforces, how
// far that is behind Warden's, when it last reported, its recent errors, and
// whether it is stale (no report within STALE_AFTER_INTERVALS report intervals).
import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { TFleet, TFleetMember } from "@/lib/api/contracts/fleet";
import type { StatusReport } from "@/lib/policy/status/schemas";

/** The SDK long-polls for up to 30 s and reports after each poll. */
export const REPORT_INTERVAL_SECONDS = 30;
export const STALE_AFTER_INTERVALS = 3;
const MAX_ITEMS = 500;

export async function listFleet(options: { actor: Actor; now?: Date }): Promise<TFleet> {
  assertCan(options.actor, "identities:read");
  const now = options.now ?? new Date();
  const staleAfterSeconds = REPORT_INTERVAL_SECONDS * STALE_AFTER_INTERVALS;
  const { revision } = await db().policyState.findUniqueOrThrow({ where: { id: 1 }, select: { revision: true } });
  const rows = await db().identity.findMany({
    where: { status: { not: "revoked" }, OR: [{ kind: "gateway" }, { kind: "server", enforcementStatus: { isNot: null } }] },
    select: { id: true, kind: true, name: true, status: true, enforcementStatus: true },
    orderBy: { id: "asc" },
    take: MAX_ITEMS + 1,
  });
  const items = rows.slice(0, MAX_ITEMS).map((row): TFleetMember => {
    const report = row.enforcementStatus;
    const reported = report?.revision ?? null;
    return {
      id: row.id,
      kind: row.kind as "gateway" | "server",
      name: row.name,
      status: row.status,
      revision: reported === null ? null : Number(reported),
      lag: reported === null ? null : Number(revision - reported),
      lastFetchAt: report?.lastFetchAt?.toISOString() ?? null,
      reportedAt: report?.reportedAt.toISOString() ?? null,
      errors: ((report?.errors ?? []) as StatusReport["errors"]).slice(-5),
      version: report?.version ?? null,
      stale: !report || now.getTime() - report.reportedAt.getTime() > staleAfterSeconds * 1000,
    };
  });
  // the stale and the lagging first: they are what the page is for
  items.sort((a, b) => Number(b.stale) - Number(a.stale) || (b.lag ?? Infinity) - (a.lag ?? Infinity) || (a.id < b.id ? -1 : 1));
  return { currentRevision: Number(revision), staleAfterSeconds, items, truncated: rows.length > MAX_ITEMS };
}
