// An identity's keys, every status (GET /api/v1/identities/{id}/keys).
import { useQuery } from "@tanstack/react-query";
import type { TKey } from "@/lib/identities/keys/schemas";
import { apiFetch, queryString } from "@/lib/query/api-fetch";
import { keysPath } from "@/lib/query/keys/invalidate";
import { keyKeys } from "@/lib/query/keys/keys";

export type KeyPage = { items: TKey[]; nextCursor: string | null };

export function useKeys(identityId: string) {
  return useQuery({
    queryKey: keyKeys.list(identityId),
    queryFn: ({ signal }) => apiFetch<KeyPage>(`${keysPath(identityId)}${queryString({ limit: 100 })}`, { signal }),
  });
}
