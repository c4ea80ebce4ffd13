// Numbers for the dashboard, limited to what the viewer may see.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/actor";
import { presentAuditEvent } from "@/lib/audit/list-events";
import type { TAuditEvent } from "@/lib/audit/schemas";
import { db } from "@/lib/db/client";

export type DashboardSummary = {
  servers: number | null;
  myServers: number;
  orphanedServers: number | null;
  activeUsers: number | null;
  activeApiTokens: number;
  events24h: number | null;
  failedSignIns24h: number | null;
  recentEvents: TAuditEvent[] | null;
};

export async function getDashboardSummary(options: { actor: Actor; now?: Date }): Promise<DashboardSummary> {
  const { actor } = options;
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - 24 * 3600_000);
  const client = db();
  const seesInventory = can(actor, "identities:read");
  const seesAudit = can(actor, "audit:read");
  const [servers, myServers, orphanedServers, activeUsers, activeApiTokens, events24h, failedSignIns24h, recent] = await Promise.all([
    seesInventory ? client.identity.count({ where: { kind: "server" } }) : null,
    actor.userId ? client.identity.count({ where: { kind: "server", ownerId: actor.userId } }) : 0,
    seesInventory ? client.identity.count({ where: { owner: { active: false } } }) : null,
    can(actor, "users:read") ? client.user.count({ where: { active: true } }) : null,
    client.apiToken.count({
      where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }], ...(can(actor, "api-tokens:manage-all") ? {} : { userId: actor.userId ?? "-" }) },
    }),
    seesAudit ? client.auditEvent.count({ where: { occurredAt: { gte: since } } }) : null,
    seesAudit ? client.auditEvent.count({ where: { occurredAt: { gte: since }, action: "auth.sign_in.failed" } }) : null,
    seesAudit ? client.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 8 }) : null,
  ]);
  return { servers, myServers, orphanedServers, activeUsers, activeApiTokens, events24h, failedSignIns24h, recentEvents: recent?.map(presentAuditEvent) ?? null };
}
