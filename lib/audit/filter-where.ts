// The explorer's filters as a Prisma where clause, shared by the event list,
// the export and the identity activity tab, so all three find the same events.
// Every condition is on an indexed column (prisma/schema.prisma, measured in
// BENCHMARKS.md), or the scope index table; only `q` scans, and only the rows
// the other filters leave.
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { actionsOfClass } from "@/lib/audit/event-classes";
import type { TAuditFilter } from "@/lib/audit/schemas";

export function auditFilterWhere(filter: TAuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.id) where.id = filter.id;
  if (filter.action) where.action = filter.action;
  else if (filter.class) where.action = { in: actionsOfClass(filter.class) };
  if (filter.outcome) where.outcome = filter.outcome;
  if (filter.actorType) where.actorType = filter.actorType;
  if (filter.actor) where.actorId = filter.actor;
  if (filter.agent) where.agentId = filter.agent;
  if (filter.server) where.serverId = filter.server;
  if (filter.resource) where.resourceId = filter.resource;
  if (filter.gateway) where.gatewayId = filter.gateway;
  if (filter.tool) where.tool = filter.tool;
  if (filter.tier) where.tier = filter.tier;
  if (filter.jti) and.push({ OR: [{ jti: filter.jti }, { parentJti: filter.jti }] });
  // a token names several scopes: AuditEventScope has a row per scope, so this is an index lookup
  if (filter.scope) where.scopes = { some: { scope: filter.scope } };
  if (filter.targetType) where.targetType = filter.targetType;
  if (filter.targetId) where.targetId = filter.targetId;
  if (filter.requestId) where.requestId = filter.requestId;
  if (filter.identity) {
    const id = filter.identity;
    and.push({ OR: [{ actorId: id }, { targetId: id }, { agentId: id }, { serverId: id }, { resourceId: id }, { gatewayId: id }] });
  }
  if (filter.q) where.search = { contains: filter.q.toLowerCase() };
  if (filter.since || filter.until) {
    where.occurredAt = { ...(filter.since ? { gte: new Date(filter.since) } : {}), ...(filter.until ? { lt: new Date(filter.until) } : {}) };
  }
  if (and.length > 0) where.AND = and;
  return where;
}
