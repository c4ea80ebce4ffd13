// After a policy, finding or suspension changes: policies, findings, capability summaries, grants
// (suspensions) and the audit log may all have moved.
import type { QueryClient } from "@tanstack/react-query";
import { auditKeys } from "@/lib/query/audit/keys";
import { grantKeys } from "@/lib/query/grants/keys";
import { toxicKeys } from "@/lib/query/toxic/keys";

export async function invalidateToxic(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: toxicKeys.all }),
    queryClient.invalidateQueries({ queryKey: grantKeys.all }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}
