// Changes the audit retention periods and the anchoring interval (admins).
// Recorded as audit.retention_changed, in the audit class, which is never
// pruned: shortening retention is how evidence would be destroyed "legally",
// so who did it and from what to what must outlive everything it pruned (the
// generic settings.updated is in the administration class, which retention
// may prune). The generic settings PATCH refuses these keys for that reason.
import "server-only";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { ZAuditRetentionDays, ZAuditRetentionPatch, type TAuditRetentionPatch, type TAuditRetentionSettings } from "@/lib/audit/retention/settings-schema";
import { assertCan, type Actor, type RequestContext } from "@/lib/auth/actor";
import { transact } from "@/lib/db/transaction";
import { readSettings } from "@/lib/settings/get-settings";

type Change = { from: number | null; to: number | null };

export async function updateAuditRetention(options: { actor: Actor; input: TAuditRetentionPatch; context?: RequestContext | null }): Promise<TAuditRetentionSettings> {
  assertCan(options.actor, "audit:manage");
  const patch = ZAuditRetentionPatch.parse(options.input);
  return transact(async (tx) => {
    const before = await readSettings(tx);
    const after: TAuditRetentionSettings = {
      auditRetentionDays: ZAuditRetentionDays.parse({ ...before.auditRetentionDays, ...patch.auditRetentionDays }),
      auditAnchorIntervalMinutes: patch.auditAnchorIntervalMinutes ?? before.auditAnchorIntervalMinutes,
    };
    const changes: Record<string, Change> = {};
    for (const [eventClass, days] of Object.entries(after.auditRetentionDays)) {
      const from = before.auditRetentionDays[eventClass as keyof typeof after.auditRetentionDays];
      if (from !== days) changes[`retentionDays.${eventClass}`] = { from, to: days };
    }
    if (after.auditAnchorIntervalMinutes !== before.auditAnchorIntervalMinutes) changes.anchorIntervalMinutes = { from: before.auditAnchorIntervalMinutes, to: after.auditAnchorIntervalMinutes };
    if (Object.keys(changes).length === 0) return after;
    for (const [key, value] of Object.entries(after)) {
      await tx.setting.upsert({ where: { key }, create: { key, value, updatedById: options.actor.userId }, update: { value, updatedById: options.actor.userId } });
    }
    await appendAuditEvent(tx, { action: "audit.retention_changed", actor: actorRef(options.actor), target: { type: "settings", id: "audit" }, details: { changes }, context: options.context });
    return after;
  });
}
