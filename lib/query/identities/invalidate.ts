// After an identity changes: refresh identity lists and details, and the audit log (every change is audited).
import type { QueryClient } from "@tanstack/react-query";
import type { TIdentity } from "@/lib/identities/schemas";
import { auditKeys } from "@/lib/query/audit/keys";
import { identityKeys } from "@/lib/query/identities/keys";

export async function invalidateIdentities(queryClient: QueryClient, changed?: TIdentity | TIdentity[]): Promise<void> {
  for (const identity of Array.isArray(changed) ? changed : changed ? [changed] : []) {
    queryClient.setQueryData(identityKeys.detail(identity.id), identity);
  }
  await Promise.all([queryClient.invalidateQueries({ queryKey: identityKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
}
