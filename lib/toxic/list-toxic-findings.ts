// Lists toxic-combination findings, newest first with a cursor: by default the
// open ones across all agents ("Agents holding toxic combinations", for review).
import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { pageWhere, type Page } from "@/lib/pagination";
import { FINDING_INCLUDE, presentFindings } from "@/lib/toxic/present";
import type { TToxicFinding, ZListToxicFindingsQuery } from "@/lib/toxic/schemas";

export async function listToxicFindings(options: { actor: Actor; query: z.output<typeof ZListToxicFindingsQuery> }): Promise<Page<TToxicFinding>> {
  assertCan(options.actor, "identities:read");
  const { query } = options;
  const rows = await db().toxicFinding.findMany({
    where: {
      ...pageWhere(query.cursor),
      ...(query.status === "all" ? {} : query.status === "unresolved" ? { status: { in: ["open", "accepted"] } } : { status: query.status }),
      ...(query.agentId ? { agentId: query.agentId } : {}),
      ...(query.policyId ? { policyId: query.policyId } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
    include: FINDING_INCLUDE,
  });
  const kept = rows.slice(0, query.limit);
  return { items: await presentFindings(db(), kept), nextCursor: rows.length > query.limit ? kept[kept.length - 1]!.id : null };
}
