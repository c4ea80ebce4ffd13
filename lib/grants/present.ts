// The public view of a grant row.
import type { TGrant } from "@/lib/grants/schemas";

export const GRANT_INCLUDE = {
  agent: { select: { id: true, name: true, slug: true, status: true } },
  server: { select: { id: true, name: true, slug: true, status: true } },
  tools: { include: { tool: { select: { name: true, tier: true, status: true } } }, orderBy: { scope: "asc" } },
} as const;

type Row = {
  id: string;
  justification: string;
  expiresAt: Date | null;
  grantedById: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  revokedById: string | null;
  revokedReason: string | null;
  suspendedAt: Date | null;
  suspendedReason: string | null;
  agent: TGrant["agent"];
  server: TGrant["server"];
  tools: { toolId: string; scope: string; revokedAt: Date | null; tool: { name: string; tier: TGrant["tools"][number]["tier"]; status: string } }[];
};

export function grantState(row: { revokedAt: Date | null; expiresAt: Date | null; suspendedAt?: Date | null }, now = new Date()): TGrant["state"] {
  if (row.revokedAt) return "revoked";
  if (row.suspendedAt) return "suspended";
  if (row.expiresAt && row.expiresAt <= now) return "expired";
  return "active";
}

export function presentGrant(row: Row, now = new Date()): TGrant {
  return {
    id: row.id,
    agent: row.agent,
    server: row.server,
    justification: row.justification,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    grantedById: row.grantedById,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedById: row.revokedById,
    revokedReason: row.revokedReason,
    suspendedAt: row.suspendedAt?.toISOString() ?? null,
    suspendedReason: row.suspendedReason,
    state: grantState(row, now),
    tools: row.tools.map((item) => ({ toolId: item.toolId, name: item.tool.name, scope: item.scope, tier: item.tool.tier, toolStatus: item.tool.status, revokedAt: item.revokedAt?.toISOString() ?? null })),
  };
}
