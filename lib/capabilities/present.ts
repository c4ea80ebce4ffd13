// Public views of capability tags and of the tags on tools.
import type { TCapabilityTag, TToolCapability } from "@/lib/capabilities/schemas";
import type { Tx } from "@/lib/db/transaction";
import type { Db } from "@/lib/db/client";

type TagRow = { tag: string; name: string; description: string; builtin: boolean; createdAt: Date; updatedAt: Date };
type CapabilityRow = { toolId: string; tag: string; status: string; source: string; reason: string | null; proposedAt: Date; approvedAt: Date | null; approvedById: string | null };

export function presentToolCapability(row: CapabilityRow): TToolCapability {
  return {
    toolId: row.toolId,
    tag: row.tag,
    status: row.status as TToolCapability["status"],
    source: row.source as TToolCapability["source"],
    reason: row.reason,
    proposedAt: row.proposedAt.toISOString(),
    approvedAt: row.approvedAt?.toISOString() ?? null,
    approvedById: row.approvedById,
  };
}

/** The tags a toxic policy names (its `tags` column is a JSON array of strings). */
export function policyTags(tags: unknown): string[] {
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [];
}

/** Where each tag is used: tools (approved / proposed) and toxic policies. */
export async function tagUsage(client: Tx | Db, tags: string[]) {
  const [counts, policies] = await Promise.all([
    client.toolCapability.groupBy({ by: ["tag", "status"], where: { tag: { in: tags } }, _count: { _all: true } }),
    client.toxicPolicy.findMany({ select: { id: true, name: true, tags: true }, orderBy: { name: "asc" } }),
  ]);
  return (tag: string): TCapabilityTag["usage"] => ({
    approved: counts.find((row) => row.tag === tag && row.status === "approved")?._count._all ?? 0,
    proposed: counts.find((row) => row.tag === tag && row.status === "proposed")?._count._all ?? 0,
    policies: policies.filter((policy) => policyTags(policy.tags).includes(tag)).map((policy) => ({ id: policy.id, name: policy.name })),
  });
}

export function presentCapabilityTag(row: TagRow, usage: TCapabilityTag["usage"]): TCapabilityTag {
  return { tag: row.tag, name: row.name, description: row.description, builtin: row.builtin, usage, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
