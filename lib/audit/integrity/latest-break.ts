// The break the console banner shows: the latest verification's, if it failed.
import "server-only";
import { presentCheck } from "@/lib/audit/integrity/present";
import type { TAuditCheck } from "@/lib/audit/integrity/schemas";
import { can, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export async function latestChainBreak(options: { actor: Actor }): Promise<TAuditCheck | null> {
  // not an error for others: the banner is simply not theirs to see
  if (!can(options.actor, "audit:read")) return null;
  const latest = await db().auditCheck.findFirst({ orderBy: [{ finishedAt: "desc" }, { id: "desc" }] });
  return latest && !latest.ok ? presentCheck(latest) : null;
}
