// After a grant or exchange policy changes: refresh grants and effective access (and the server's published
// metadata, which depends on its grants), exchange policies, and the audit log.
import type { QueryClient } from "@tanstack/react-query";
import { auditKeys } from "@/lib/query/audit/keys";
import { catalogKeys } from "@/lib/query/catalog/keys";
import { exchangePolicyKeys, grantKeys } from "@/lib/query/grants/keys";

export async function invalidateGrants(queryClient: QueryClient, serverId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: grantKeys.all }),
    queryClient.invalidateQueries({ queryKey: catalogKeys.metadata(serverId) }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}

export async function invalidateExchangePolicies(queryClient: QueryClient): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: exchangePolicyKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
}
