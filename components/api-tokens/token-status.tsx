// An API token's state: Active, Revoked or Expired.
import { Badge } from "@/components/ui/badge";
import type { TApiToken } from "@/lib/api-tokens/schemas";

export type TokenState = "active" | "revoked" | "expired";

export function tokenState(token: TApiToken, now: number): TokenState {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return "expired";
  return "active";
}

export function TokenStatusBadge({ state }: { state: TokenState }) {
  if (state === "active") return <Badge tone="success">Active</Badge>;
  if (state === "revoked") return <Badge tone="danger">Revoked</Badge>;
  return <Badge tone="neutral">Expired</Badge>;
}
