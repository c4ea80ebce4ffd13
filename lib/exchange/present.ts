// The public view of an exchange policy.
import type { TExchangePolicy } from "@/lib/exchange/schemas";

export const EXCHANGE_INCLUDE = {
  server: { select: { id: true, name: true, resourceUri: true } },
  resource: { select: { id: true, name: true, resourceUri: true } },
} as const;

type Row = {
  id: string;
  scopes: unknown;
  maxDepth: number;
  createdById: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  server: { id: string; name: string; resourceUri: string | null };
  resource: { id: string; name: string; resourceUri: string | null };
};

export function presentExchangePolicy(row: Row): TExchangePolicy {
  return {
    id: row.id,
    server: row.server,
    resource: { id: row.resource.id, name: row.resource.name, audienceUri: row.resource.resourceUri },
    scopes: Array.isArray(row.scopes) ? row.scopes.map(String) : [],
    maxDepth: row.maxDepth,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason,
  };
}
