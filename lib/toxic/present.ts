// The public views of toxic-combination policies and findings.
import "server-only";
import type { Tx } from "@/lib/db/transaction";
import type { Db } from "@/lib/db/client";
import type { CapabilityTool } from "@/lib/toxic/check";
import { explain, isToxicMode, storedTags } from "@/lib/toxic/evaluate";
import type { TToxicFinding, TToxicPolicy } from "@/lib/toxic/schemas";

type PolicyRow = { id: string; name: string; description: string | null; tags: unknown; mode: string; enabled: boolean; createdById: string | null; createdAt: Date; updatedAt: Date };

const mode = (value: string) => (isToxicMode(value) ? value : "warn");

export function presentPolicy(row: PolicyRow, openFindings: number): TToxicPolicy {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    tags: storedTags(row.tags),
    mode: mode(row.mode),
    enabled: row.enabled,
    openFindings,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Open findings per policy, for presenting policies. */
export async function openFindingCounts(client: Tx | Db, policyIds: string[]): Promise<Map<string, number>> {
  if (policyIds.length === 0) return new Map();
  const rows = await client.toxicFinding.groupBy({ by: ["policyId"], where: { policyId: { in: policyIds }, status: "open" }, _count: { _all: true } });
  return new Map(rows.map((row) => [row.policyId, row._count._all]));
}

export const FINDING_INCLUDE = { policy: { select: { id: true, name: true, mode: true, enabled: true, tags: true } } } as const;

type FindingRow = {
  id: string;
  agentId: string;
  status: string;
  tools: unknown;
  detectedAt: Date;
  resolvedAt: Date | null;
  policy: { id: string; name: string; mode: string; enabled: boolean; tags: unknown };
};

function storedTools(value: unknown): Record<string, CapabilityTool[]> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([tag, tools]) => [tag, Array.isArray(tools) ? (tools as CapabilityTool[]) : []]));
}

/** Findings with their agents' names (a finding names its agent by id only). */
export async function presentFindings(client: Tx | Db, rows: FindingRow[]): Promise<TToxicFinding[]> {
  const agents = await client.identity.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.agentId))] } }, select: { id: true, name: true, status: true } });
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  return rows.map((row) => {
    const tools = storedTools(row.tools);
    const tags = storedTags(row.policy.tags);
    const agent = byId.get(row.agentId);
    return {
      id: row.id,
      agent: { id: row.agentId, name: agent?.name ?? row.agentId, status: agent?.status ?? "unknown" },
      policy: { id: row.policy.id, name: row.policy.name, mode: mode(row.policy.mode), enabled: row.policy.enabled },
      status: row.status === "accepted" || row.status === "resolved" ? row.status : "open",
      tools,
      // the policy's tags may have changed since; the stored tools say what was found
      explanation: explain(row.policy.name, Object.keys(tools).length ? Object.keys(tools) : tags, tools),
      detectedAt: row.detectedAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
    };
  });
}
