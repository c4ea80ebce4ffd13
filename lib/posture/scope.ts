// What one posture request covers: the whole estate or one owner's identities,
// at one instant. Every card builds its query from this, so a card's number
// and the drill-down list behind it always use the same `where`.
import "server-only";
import { assertCan, can, type Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/db/client";
import { forbidden } from "@/lib/errors/app-error";
import type { PostureView } from "@/lib/posture/schemas";
import { readSettings } from "@/lib/settings/get-settings";

export type PostureScope = {
  actor: Actor;
  view: PostureView;
  /** the owner the mine view is about (null in the estate view) */
  ownerId: string | null;
  now: Date;
  keyMaxAgeDays: number;
  /** per-request results shared by cards (e.g. the servers that reported events) */
  memo: Map<string, Promise<unknown>>;
};

export const DAY_MS = 86_400_000;

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/**
 * The view a caller gets: the estate (the security team's view, with the audit
 * numbers) needs audit:read; everyone else sees what they own. Both need
 * identities:read, which every role has.
 */
export function resolveView(actor: Actor, requested: PostureView | undefined): { view: PostureView; ownerId: string | null } {
  const view = requested ?? (can(actor, "audit:read") ? "estate" : "mine");
  if (view === "estate") {
    if (!can(actor, "audit:read")) throw forbidden("The estate-wide posture requires the audit:read permission; ask for view=mine");
    return { view, ownerId: null };
  }
  if (!actor.userId) throw forbidden("The mine view shows a user's own identities; this API token acts for no user");
  return { view, ownerId: actor.userId };
}

/** The scope of one request, after checking who may see which view. */
export async function postureScope(actor: Actor, view: PostureView | undefined, now: Date): Promise<PostureScope> {
  assertCan(actor, "identities:read");
  const resolved = resolveView(actor, view);
  const settings = await readSettings();
  return { actor, ...resolved, now, keyMaxAgeDays: settings.keyMaxAgeDays, memo: new Map() };
}

/** Caches `compute` for the rest of this request under `key`. */
export function memo<T>(scope: PostureScope, key: string, compute: () => Promise<T>): Promise<T> {
  let value = scope.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    scope.memo.set(key, value);
  }
  return value;
}

/** Primary or backup owner, as "My identities" counts them: both answer for the identity. */
function ownedBy(ownerId: string): Prisma.IdentityWhereInput {
  return { OR: [{ ownerId }, { backupOwnerId: ownerId }] };
}

/**
 * Identities that count: not revoked (a revoked identity holds nothing and
 * needs nothing), of the given kinds, and in the mine view owned by the user.
 */
export function liveIdentities(scope: PostureScope, where: Prisma.IdentityWhereInput = {}): Prisma.IdentityWhereInput {
  return { AND: [{ status: { not: "revoked" } }, ...(scope.ownerId ? [ownedBy(scope.ownerId)] : []), where] };
}

/** Identities in the mine view's ownership, whatever their status (for relations: a grant's agent, a tool's server). */
export function inView(scope: PostureScope): Prisma.IdentityWhereInput {
  return scope.ownerId ? ownedBy(scope.ownerId) : {};
}
