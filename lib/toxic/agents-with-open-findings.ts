// The agents holding toxic combinations, paged by id: for campaigns that target
// them (lib/campaigns/select-targets.ts) and any other batch over them.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transaction";

/**
 * Agent ids with an open finding (and, with `includeAccepted`, an accepted
 * one), ascending, after `afterId`, at most `limit`. No permission check: the
 * caller has already decided who may see the agents it uses these ids for.
 */
export async function agentsWithOpenFindings(client: Tx | Db, options: { afterId?: string | null; limit?: number; includeAccepted?: boolean } = {}): Promise<string[]> {
  // GROUP BY pages in SQL (findMany's distinct would page in memory)
  const rows = await client.toxicFinding.groupBy({
    by: ["agentId"],
    where: { status: { in: options.includeAccepted ? ["open", "accepted"] : ["open"] }, ...(options.afterId ? { agentId: { gt: options.afterId } } : {}) },
    orderBy: { agentId: "asc" },
    take: options.limit ?? 1000,
  });
  return rows.map((row) => row.agentId);
}
