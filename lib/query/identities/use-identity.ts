// One identity (GET /api/v1/{plural}/{id}); the detail page seeds it with what the server rendered.
import { useQuery } from "@tanstack/react-query";
import type { IdentityKind } from "@/lib/identities/kinds";
import type { TIdentity } from "@/lib/identities/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { identityKeys } from "@/lib/query/identities/keys";
import { identityPath } from "@/lib/query/identities/paths";

export function useIdentity(kind: IdentityKind, id: string, options: { initialData?: TIdentity } = {}) {
  return useQuery({
    queryKey: identityKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<TIdentity>(identityPath(kind, id), { signal }),
    initialData: options.initialData,
    staleTime: options.initialData ? 30_000 : 0,
  });
}
