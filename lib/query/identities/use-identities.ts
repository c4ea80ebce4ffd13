// One page of identities: of one kind (GET /api/v1/{plural}) or of every kind (GET /api/v1/identities).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TIdentity } from "@/lib/identities/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { identityKeys, type IdentityListParams, type IdentityScope } from "@/lib/query/identities/keys";
import { identityCollectionPath } from "@/lib/query/identities/paths";

export type IdentityPage = { items: TIdentity[]; nextCursor: string | null; total?: number };

export function useIdentities(scope: IdentityScope, params: IdentityListParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: identityKeys.list(scope, params),
    queryFn: ({ signal }) => apiFetch<IdentityPage>(`${identityCollectionPath(scope)}${queryString(params)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
