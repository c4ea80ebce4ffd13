// The public view of an API token row.
import type { TApiToken } from "@/lib/api-tokens/schemas";
import type { Role } from "@/lib/auth/permissions";

type Row = {
  id: string;
  name: string;
  role: Role;
  scopes: unknown;
  prefix: string;
  userId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  user?: { email: string } | null;
};

export function presentApiToken(row: Row): TApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    scopes: Array.isArray(row.scopes) ? row.scopes.map(String) : null,
    prefix: row.prefix,
    userId: row.userId,
    userEmail: row.user?.email ?? null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
