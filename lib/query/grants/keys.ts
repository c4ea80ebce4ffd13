// react-query keys for grants, effective access and exchange policies.
import type { ToolTier } from "@/lib/catalog/classify";

export type GrantState = "active" | "expired" | "revoked" | "all";
export type GrantListParams = { agentId?: string; serverId?: string; state?: GrantState; cursor?: string; limit?: number };
export type EffectiveAccessParams = { serverId?: string; agentId?: string; tier?: ToolTier; limit?: number };
export type ExchangePolicyListParams = { serverId?: string; resourceId?: string; includeRevoked?: "true" };

export const grantKeys = {
  all: ["grants"] as const,
  lists: () => [...grantKeys.all, "list"] as const,
  list: (params: GrantListParams) => [...grantKeys.lists(), params] as const,
  effective: (params: EffectiveAccessParams) => [...grantKeys.all, "effective", params] as const,
};

export const exchangePolicyKeys = {
  all: ["exchange-policies"] as const,
  list: (params: ExchangePolicyListParams) => [...exchangePolicyKeys.all, "list", params] as const,
};
