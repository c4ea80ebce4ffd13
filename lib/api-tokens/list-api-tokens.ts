// Lists API tokens: one's own, or everyone's with api-tokens:manage-all.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors/app-error";
import { pageWhere, toPage, type Page } from "@/lib/pagination";
import { presentApiToken } from "@/lib/api-tokens/present";
import type { TApiToken } from "@/lib/api-tokens/schemas";

export async function listApiTokens(options: { actor: Actor; all?: boolean; cursor?: string; limit: number }): Promise<Page<TApiToken> & { total: number }> {
  const { actor } = options;
  assertCan(actor, "api-tokens:manage-own");
  if (options.all && !can(actor, "api-tokens:manage-all")) throw forbidden("Listing everyone's tokens requires api-tokens:manage-all");
  if (!options.all && !actor.userId) return { items: [], nextCursor: null, total: 0 };
  const scope = options.all ? {} : { userId: actor.userId };
  const [rows, total] = await Promise.all([
    db().apiToken.findMany({
      where: { ...scope, ...pageWhere(options.cursor) },
      orderBy: { id: "desc" },
      take: options.limit + 1,
      include: { user: { select: { email: true } } },
    }),
    db().apiToken.count({ where: scope }),
  ]);
  return { ...toPage(rows, options.limit, presentApiToken), total };
}
