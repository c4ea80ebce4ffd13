// Lists access requests for the inbox: "waiting" (the pending requests whose
// next step I may decide, exactly as rules.ts says, written as a query so
// pages stay full), "mine" (the ones I made) and "all" (admins and auditors).
// Newest first, keyset pagination on the id.
import "server-only";
import type { z } from "zod";
import { ACCESS_REQUEST_INCLUDE, presentAccessRequests } from "@/lib/access-requests/present";
import type { TAccessRequest, ZListAccessRequestsQuery } from "@/lib/access-requests/schemas";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { forbidden } from "@/lib/errors/app-error";

/**
 * The pending requests whose next step `userId` may decide (rules.ts refusalFor, as a where clause).
 * "Servers / agents I own" are relation filters (subqueries), not id lists: an owner of more
 * than 999 identities would otherwise exceed SQLite's limit of 999 bound parameters.
 */
function waitingFor(actor: Actor, now: Date): Prisma.AccessRequestWhereInput {
  const me = actor.userId;
  if (!me) return { id: { in: [] } };
  const mine = { OR: [{ ownerId: me }, { backupOwnerId: me }] };
  // written positively: NOT(mine) is NULL, so false, for an agent without a backup owner (SQL's three-valued logic)
  const notMine = { ownerId: { not: me }, OR: [{ backupOwnerId: null }, { backupOwnerId: { not: me } }] };
  const base: Prisma.AccessRequestWhereInput = { status: "pending", expiresAt: { gt: now }, requestedById: { not: me } };
  const ownerStep: Prisma.AccessRequestWhereInput = { approvals: { none: { step: "owner" } } };
  if (!can(actor, "grants:manage")) return { ...base, ...ownerStep, server: { is: { kind: "server", ...mine } } };
  return {
    ...base,
    OR: [
      ownerStep,
      {
        secondApprovalRequired: true,
        agent: { is: notMine },
        AND: [{ approvals: { some: { step: "owner", approverId: { not: me } } } }, { approvals: { none: { step: "admin" } } }],
      },
      {
        securityApprovalRequired: true,
        AND: [{ approvals: { some: { step: "owner" } } }, { approvals: { none: { step: "security" } } }, { OR: [{ secondApprovalRequired: false }, { approvals: { some: { step: "admin" } } }] }],
      },
    ],
  };
}

export async function listAccessRequests(options: { actor: Actor; query: z.output<typeof ZListAccessRequestsQuery>; now?: Date }): Promise<{ items: TAccessRequest[]; nextCursor: string | null; total: number }> {
  const { actor, query } = options;
  assertCan(actor, "identities:read");
  const now = options.now ?? new Date();
  let where: Prisma.AccessRequestWhereInput;
  if (query.view === "waiting") where = waitingFor(actor, now);
  else if (query.view === "mine") where = { requestedById: actor.userId ?? "" };
  else {
    if (!can(actor, "grants:manage") && !can(actor, "audit:read")) throw forbidden("Only admins and auditors see every access request; use view=waiting or view=mine");
    where = {};
  }
  const status = query.status ?? (query.view === "waiting" ? "pending" : "all");
  if (status !== "all") where = { AND: [where, { status }] };
  if (query.agentId) where = { AND: [where, { agentId: query.agentId }] };
  const [rows, total] = await Promise.all([
    db().accessRequest.findMany({ where: { AND: [where, query.cursor ? { id: { lt: query.cursor } } : {}] }, orderBy: { id: "desc" }, take: query.limit + 1, include: ACCESS_REQUEST_INCLUDE }),
    db().accessRequest.count({ where }),
  ]);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { items: await presentAccessRequests(db(), page, actor, now), nextCursor: more ? page[page.length - 1]!.id : null, total };
}
