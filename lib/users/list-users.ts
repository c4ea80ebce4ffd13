// Lists users with search, role and status filters, newest first.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { pageWhere, toPage, type Page } from "@/lib/pagination";
import { presentUser, USER_VIEW_SELECT } from "@/lib/users/present";
import type { TListUsersQuery, TUser } from "@/lib/users/schemas";

export async function listUsers(options: { actor: Actor; query: TListUsersQuery }): Promise<Page<TUser> & { total: number }> {
  assertCan(options.actor, "users:read");
  const { q, role, status, cursor, limit } = options.query;
  const term = q?.toLowerCase();
  const where = {
    ...(term ? { searchText: { contains: term } } : {}),
    ...(role ? { role } : {}),
    ...(status ? { active: status === "active" } : {}),
  };
  const [rows, total] = await Promise.all([
    db().user.findMany({ where: { ...where, ...pageWhere(cursor) }, orderBy: { id: "desc" }, take: limit + 1, select: USER_VIEW_SELECT }),
    db().user.count({ where }),
  ]);
  const now = new Date();
  return { ...toPage(rows, limit, (row) => presentUser(row, now)), total };
}
