// What creating, changing and deleting a toxic-combination policy share:
// tags must name existing capability tags, and the agents a policy can
// concern are re-evaluated in the same transaction.
import "server-only";
import type { Tx } from "@/lib/db/transaction";
import { invalid } from "@/lib/errors/app-error";
import { agentsHoldingTags, reevaluateAgents } from "@/lib/toxic/check";

/** 422 naming every tag that is not a capability tag (nothing is written before this). */
export async function assertTagsExist(tx: Tx, tags: string[]): Promise<void> {
  const known = new Set((await tx.capabilityTag.findMany({ where: { tag: { in: tags } }, select: { tag: true } })).map((row) => row.tag));
  const unknown = tags.filter((tag) => !known.has(tag));
  if (unknown.length) {
    throw invalid(
      `Unknown capability ${unknown.length === 1 ? "tag" : "tags"}: ${unknown.join(", ")}`,
      unknown.map((tag) => ({ path: "tags", message: `unknown capability tag "${tag}"` })),
    );
  }
}

/**
 * Re-evaluates every agent holding a tool with one of `tags` (the policy's
 * tags before and after a change) and every agent it has findings for.
 * Returns the agents newly flagged.
 */
export async function reevaluateForPolicy(tx: Tx, policyId: string, tags: string[], reason: string): Promise<string[]> {
  const holding = await agentsHoldingTags(tx, tags);
  const findings = await tx.toxicFinding.findMany({ where: { policyId, status: { not: "resolved" } }, select: { agentId: true } });
  return reevaluateAgents(tx, [...holding, ...findings.map((finding) => finding.agentId)], reason);
}
