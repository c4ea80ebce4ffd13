// Lists exchange policies, by server or resource.
import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { EXCHANGE_INCLUDE, presentExchangePolicy } from "@/lib/exchange/present";
import type { TExchangePolicy, ZListExchangePoliciesQuery } from "@/lib/exchange/schemas";

export async function listExchangePolicies(options: { actor: Actor; query: z.output<typeof ZListExchangePoliciesQuery> }): Promise<{ items: TExchangePolicy[] }> {
  assertCan(options.actor, "identities:read");
  const { query } = options;
  const rows = await db().exchangePolicy.findMany({
    where: {
      ...(query.serverId ? { serverId: query.serverId } : {}),
      ...(query.resourceId ? { resourceId: query.resourceId } : {}),
      ...(query.includeRevoked === "true" ? {} : { revokedAt: null }),
    },
    orderBy: { id: "desc" },
    take: 500,
    include: EXCHANGE_INCLUDE,
  });
  return { items: rows.map(presentExchangePolicy) };
}
