// Counts the rows of a card's query: one COUNT over the table's indexes (the
// relation filters become EXISTS subqueries), never rows loaded into memory.
import "server-only";
import { db } from "@/lib/db/client";
import type { RowQuery } from "@/lib/posture/card-spec";
import type { PostureScope } from "@/lib/posture/scope";

export async function countRows(query: RowQuery, scope: PostureScope): Promise<number> {
  const client = db();
  switch (query.source) {
    case "identity":
      return client.identity.count({ where: await query.where(scope) });
    case "tool":
      return client.tool.count({ where: await query.where(scope) });
    case "grantTool":
      return client.grantTool.count({ where: await query.where(scope) });
    case "grant":
      return client.grant.count({ where: await query.where(scope) });
    case "campaignItem":
      return client.campaignItem.count({ where: await query.where(scope) });
    case "toxicFinding":
      // the card counts agents; its list shows each agent's combinations (one finding per agent and policy)
      return (await client.toxicFinding.groupBy({ by: ["agentId"], where: await query.where(scope) })).length;
  }
}
