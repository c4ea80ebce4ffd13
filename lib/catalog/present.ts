// Public views of tools, proposals and catalog versions.
import { behaviourHints, fingerprint, type Annotations } from "@/lib/catalog/classify";
import type { TCatalogDiff, TProposal, TTool } from "@/lib/catalog/schemas";

type ToolRow = {
  id: string;
  serverId: string;
  name: string;
  title: string | null;
  description: string | null;
  inputSchema: unknown;
  inputSchemaHash: string;
  annotations: unknown;
  proposedTier: TTool["proposedTier"];
  tier: TTool["tier"];
  status: TTool["status"];
  scope: string;
  approvedFingerprint: string | null;
  approvedSnapshot: unknown;
  approvedById: string | null;
  approvedAt: Date | null;
  driftedAt: Date | null;
  removedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** What changed since approval, for a drifted tool (the server page shows it as a diff). */
function driftOf(row: ToolRow): TTool["drift"] {
  if (!row.approvedSnapshot || !row.approvedFingerprint) return null;
  const current = fingerprint({ description: row.description, inputSchemaHash: row.inputSchemaHash, annotations: row.annotations as Annotations | null });
  if (current === row.approvedFingerprint) return null;
  const approved = row.approvedSnapshot as { description: string | null; inputSchemaHash: string; inputSchema?: unknown; annotations: unknown };
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  if ((approved.description ?? null) !== (row.description ?? null)) fields.description = { from: approved.description ?? null, to: row.description };
  if (approved.inputSchemaHash !== row.inputSchemaHash) fields.inputSchema = { from: approved.inputSchema ?? approved.inputSchemaHash, to: row.inputSchema };
  if (JSON.stringify(behaviourHints(approved.annotations as Annotations | null)) !== JSON.stringify(behaviourHints(row.annotations as Annotations | null))) {
    fields.annotations = { from: approved.annotations ?? null, to: row.annotations ?? null };
  }
  return { fields };
}

export function presentTool(row: ToolRow): TTool {
  return {
    id: row.id,
    serverId: row.serverId,
    name: row.name,
    title: row.title,
    description: row.description,
    inputSchema: (row.inputSchema ?? {}) as Record<string, unknown>,
    inputSchemaHash: row.inputSchemaHash,
    annotations: (row.annotations ?? null) as Record<string, unknown> | null,
    proposedTier: row.proposedTier,
    tier: row.tier,
    status: row.status,
    scope: row.scope,
    approvedById: row.approvedById,
    approvedAt: iso(row.approvedAt),
    driftedAt: iso(row.driftedAt),
    removedAt: iso(row.removedAt),
    drift: row.status === "unclassified" ? driftOf(row) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type ProposalRow = {
  id: string;
  serverId: string;
  source: string;
  mode: string;
  status: string;
  baseVersion: number;
  diff: unknown;
  tools: unknown;
  createdById: string | null;
  createdAt: Date;
  decidedAt: Date | null;
};

export function presentProposal(row: ProposalRow): TProposal {
  const stored = row.tools as { tools: { name: string; title?: string; description?: string; proposedTier: TProposal["tools"][number]["proposedTier"] }[]; discovery?: TProposal["discovery"] };
  return {
    id: row.id,
    serverId: row.serverId,
    source: row.source as TProposal["source"],
    mode: row.mode as TProposal["mode"],
    status: row.status as TProposal["status"],
    baseVersion: row.baseVersion,
    diff: row.diff as TCatalogDiff,
    tools: stored.tools.map((tool) => ({ name: tool.name, title: tool.title ?? null, description: tool.description ?? null, proposedTier: tool.proposedTier })),
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    discovery: stored.discovery ?? null,
  };
}
