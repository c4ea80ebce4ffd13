// Stores an enforcement point's status report, replacing its previous one.
// The caller authenticated the enforcement point (lib/policy/bundle/endpoint-auth.ts);
// this stores nothing for anything that is not an active gateway or MCP server
// anyway (it may have been suspended since).
import { db } from "@/lib/db/client";
import type { StatusReport } from "@/lib/policy/status/schemas";

/** false (nothing stored) when `identityId` is not, or no longer, an active gateway or MCP server */
export async function recordEnforcementStatus(identityId: string, report: StatusReport, now = new Date()): Promise<boolean> {
  const identity = await db().identity.findUnique({ where: { id: identityId }, select: { kind: true, status: true } });
  if (!identity || identity.status !== "active" || (identity.kind !== "gateway" && identity.kind !== "server")) return false;
  const data = {
    revision: report.revision === null ? null : BigInt(report.revision),
    lastFetchAt: report.lastSuccessfulFetch ? new Date(report.lastSuccessfulFetch) : null,
    reportedAt: now,
    errors: report.errors,
    version: report.version,
  };
  await db().enforcementStatus.upsert({ where: { identityId }, create: { identityId, ...data }, update: data });
  return true;
}
