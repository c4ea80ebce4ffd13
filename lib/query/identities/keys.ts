// react-query keys for the NHI registry: identities, the people picker (directory) and settings.
import type { EnvironmentName, IdentityKind, IdentityStatus } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";

/** Which list endpoint: one kind's (/api/v1/{plural}) or every kind's (/api/v1/identities). */
export type IdentityScope = IdentityKind | "all";

export type IdentityListParams = {
  q?: string;
  status?: IdentityStatus;
  environment?: EnvironmentName;
  riskTier?: TIdentity["riskTier"];
  ownerId?: string;
  mine?: "true";
  orphaned?: "true";
  tag?: string;
  kind?: IdentityKind;
  sort?: "name" | "-name" | "created" | "-created";
  cursor?: string;
  limit?: number;
};

export const identityKeys = {
  all: ["identities"] as const,
  lists: () => [...identityKeys.all, "list"] as const,
  list: (scope: IdentityScope, params: IdentityListParams) => [...identityKeys.lists(), scope, params] as const,
  details: () => [...identityKeys.all, "detail"] as const,
  detail: (id: string) => [...identityKeys.details(), id] as const,
};

export const directoryKeys = {
  all: ["directory"] as const,
  search: (q: string) => [...directoryKeys.all, "users", q] as const,
};

export const settingsKeys = {
  all: ["settings"] as const,
};
