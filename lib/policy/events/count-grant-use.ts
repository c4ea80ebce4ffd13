// Usage evidence for recertification ("last used", call counts): each allowed
// tool call counts once against the grant scope it used. Counted from the
// decision events only (a tool_call event reports the same call's result);
// the time is the reported one, never later than its receipt.
//
// One UPDATE … FROM a VALUES list for the whole batch, written by hand: it runs
// inside ingestion's transaction, which holds the audit chain's lock until it
// commits, so every token issuance and audit append of every instance waits
// for it. Two Prisma updateMany calls per used scope (each a read then a
// write) held that lock for up to 80 statements per batch — measured with the
// soak benchmark on PostgreSQL, event workers cut token issuance from 430/s to
// 60/s with the machine a third idle. Values are bound, never interpolated.
import { dbProvider } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";
import type { EnforcementEvent } from "@/lib/policy/events/schema";

type Use = { agentId: string; serverId: string; scope: string; calls: number; last: Date };

/** The allowed calls of `events` per (agent, server, scope): how many, and the latest time. */
export function grantUses(events: EnforcementEvent[], receivedAt: Date): Use[] {
  const uses = new Map<string, Use>();
  for (const event of events) {
    if (event.type !== "decision" || event.decision !== "allow" || !event.agentId || !event.scope || !event.tool) continue;
    const at = new Date(Math.min(Date.parse(event.at), receivedAt.getTime()));
    const key = `${event.agentId}\u0000${event.serverId}\u0000${event.scope}`;
    const use = uses.get(key);
    if (use) {
      use.calls += 1;
      if (at > use.last) use.last = at;
    } else uses.set(key, { agentId: event.agentId, serverId: event.serverId, scope: event.scope, calls: 1, last: at });
  }
  return [...uses.values()];
}

/** Counts the uses against the live scopes of live grants (as many as match: an agent may hold two grants on one server). */
export async function countGrantUse(tx: Tx, events: EnforcementEvent[], receivedAt: Date): Promise<void> {
  const uses = grantUses(events, receivedAt);
  if (uses.length === 0) return;
  const postgres = dbProvider() === "postgresql";
  const params: unknown[] = [];
  // PostgreSQL infers no types for a VALUES list of parameters; SQLite has no casts
  const bind = (value: unknown, type: string) => {
    params.push(value);
    return postgres ? `$${params.length}::${type}` : "?";
  };
  const rows = uses.map((use) => `(${bind(use.agentId, "text")}, ${bind(use.serverId, "text")}, ${bind(use.scope, "text")}, ${bind(use.calls, "integer")}, ${bind(use.last, "timestamp(3)")})`);
  await tx.$executeRawUnsafe(
    `WITH v ("agentId", "serverId", "scope", "calls", "last") AS (VALUES ${rows.join(", ")})
     UPDATE "GrantTool" SET
       "useCount" = "GrantTool"."useCount" + v."calls",
       "lastUsedAt" = CASE WHEN "GrantTool"."lastUsedAt" IS NULL OR "GrantTool"."lastUsedAt" < v."last" THEN v."last" ELSE "GrantTool"."lastUsedAt" END
     FROM v, "Grant" g
     WHERE g."id" = "GrantTool"."grantId" AND g."agentId" = v."agentId" AND g."serverId" = v."serverId" AND g."revokedAt" IS NULL
       AND "GrantTool"."scope" = v."scope" AND "GrantTool"."revokedAt" IS NULL`,
    ...params,
  );
}
