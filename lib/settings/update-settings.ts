// Changes settings (admin); the audit event records old and new values.
import "server-only";
import type { Actor, RequestContext } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { actorRef, appendAuditEvent } from "@/lib/audit/append";
import { transact } from "@/lib/db/transaction";
import { ZSettingsPatch, type Settings } from "@/lib/settings/defaults";
import { readSettings } from "@/lib/settings/get-settings";

export async function updateSettings(options: { actor: Actor; input: Partial<Settings>; context?: RequestContext | null }): Promise<Settings> {
  assertCan(options.actor, "settings:manage");
  const patch = ZSettingsPatch.parse(options.input);
  return transact(async (tx) => {
    const before = await readSettings(tx);
    for (const [key, value] of Object.entries(patch)) {
      await tx.setting.upsert({
        where: { key },
        create: { key, value: value as never, updatedById: options.actor.userId },
        update: { value: value as never, updatedById: options.actor.userId },
      });
    }
    const after = await readSettings(tx);
    const changes = Object.fromEntries(Object.keys(patch).map((key) => [key, { from: before[key as keyof Settings], to: after[key as keyof Settings] }]));
    await appendAuditEvent(tx, { action: "settings.updated", actor: actorRef(options.actor), target: { type: "settings", id: "warden" }, details: { changes }, context: options.context });
    return after;
  });
}
