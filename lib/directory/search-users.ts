// A people picker for owners: active users matching a search, with only what a
// picker needs (no roles, no sign-in data). Anyone who registers identities may
// look up whom to name as owner or backup owner.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export async function searchDirectory(options: { actor: Actor; q?: string; limit: number }): Promise<{ items: { id: string; name: string; email: string }[] }> {
  assertCan(options.actor, "identities:register");
  const term = options.q?.trim().toLowerCase();
  const items = await db().user.findMany({
    where: { active: true, ...(term ? { searchText: { contains: term } } : {}) },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: options.limit,
    select: { id: true, name: true, email: true },
  });
  return { items };
}
