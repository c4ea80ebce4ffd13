// After a key changes: refresh the identity's keys, its key counts and the audit log.
import type { QueryClient } from "@tanstack/react-query";
import { auditKeys } from "@/lib/query/audit/keys";
import { identityKeys } from "@/lib/query/identities/keys";
import { keyKeys } from "@/lib/query/keys/keys";

export async function invalidateKeys(queryClient: QueryClient, identityId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: keyKeys.list(identityId) }),
    queryClient.invalidateQueries({ queryKey: identityKeys.all }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}

export const keysPath = (identityId: string, rest = "") => `/api/v1/identities/${encodeURIComponent(identityId)}/keys${rest}`;
