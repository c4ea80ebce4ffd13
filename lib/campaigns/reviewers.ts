// Who reviews an item. The owner rule walks the target's review chain —
// primary owner, then backup owner — to the first active user; when neither
// can review (orphaned), an admin does: the campaign's creator if an active
// admin, otherwise the first active admin. The named rule sends everything to
// one reviewer. Users are loaded once per campaign (there are far fewer users
// than items).
import "server-only";
import { db } from "@/lib/db/client";
import { conflict } from "@/lib/errors/app-error";
import type { ReviewerRule } from "@/lib/campaigns/schemas";
import type { Target } from "@/lib/campaigns/select-targets";

export type ReviewerDirectory = {
  /** the reviewer of `target` and whether it fell back to an admin */
  reviewerFor(target: Target): { userId: string; fallback: boolean };
  user(id: string): { id: string; name: string; email: string; role: string } | undefined;
  /** the admin who takes what nobody in an owner chain can review (owner rules) */
  fallbackAdmin: string | null;
};

export async function reviewerDirectory(options: { rule: ReviewerRule; reviewerId: string | null; createdById: string | null }): Promise<ReviewerDirectory> {
  const users = await db().user.findMany({ where: { active: true }, select: { id: true, name: true, email: true, role: true }, orderBy: { id: "asc" } });
  const active = new Map(users.map((user) => [user.id, user]));
  if (options.rule === "named") {
    const named = options.reviewerId ? active.get(options.reviewerId) : undefined;
    if (!named) throw conflict("The named reviewer is not an active user", [{ path: "reviewerId", message: "not an active user" }]);
    return { reviewerFor: () => ({ userId: named.id, fallback: false }), user: (id) => active.get(id), fallbackAdmin: null };
  }
  const creator = options.createdById ? active.get(options.createdById) : undefined;
  const admin = creator?.role === "admin" ? creator : users.find((user) => user.role === "admin");
  if (!admin) throw conflict("No active admin can take the items whose owners cannot review them");
  return {
    reviewerFor(target) {
      const chain = options.rule === "server_owner" && target.serverOwners ? target.serverOwners : target.owners;
      for (const id of chain) if (id && active.has(id)) return { userId: id, fallback: false };
      return { userId: admin.id, fallback: true };
    },
    user: (id) => active.get(id),
    fallbackAdmin: admin.id,
  };
}
