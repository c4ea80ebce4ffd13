// Lists grants by agent or server and state; "active" and "expired" are
// decided by the clock at query time, so expiry needs no job.
import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import { GRANT_INCLUDE, presentGrant } from "@/lib/grants/present";
import type { TGrant, ZListGrantsQuery } from "@/lib/grants/schemas";

export async function listGrants(options: { actor: Actor; query: z.output<typeof ZListGrantsQuery>; now?: Date }): Promise<{ items: TGrant[]; nextCursor: string | null; total: number }> {
  assertCan(options.actor, "identities:read");
  const { query } = options;
  const now = options.now ?? new Date();
  const state: Prisma.GrantWhereInput =
    query.state === "active"
      ? { revokedAt: null, suspendedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }
      : query.state === "expired"
        ? { revokedAt: null, expiresAt: { lte: now } }
        : query.state === "revoked"
          ? { revokedAt: { not: null } }
          : query.state === "suspended"
            ? { revokedAt: null, suspendedAt: { not: null } }
            : {};
  const where: Prisma.GrantWhereInput = { ...state, ...(query.agentId ? { agentId: query.agentId } : {}), ...(query.serverId ? { serverId: query.serverId } : {}) };
  const [rows, total] = await Promise.all([
    db().grant.findMany({ where: { ...where, ...(query.cursor ? { id: { lt: query.cursor } } : {}) }, orderBy: { id: "desc" }, take: query.limit + 1, include: GRANT_INCLUDE }),
    db().grant.count({ where }),
  ]);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { items: page.map((row) => presentGrant(row, now)), nextCursor: more ? page[page.length - 1]!.id : null, total };
}
