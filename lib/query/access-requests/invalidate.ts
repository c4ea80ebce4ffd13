// After a request changes: refresh the request lists, grants (an approval creates one) and the audit log.
import type { QueryClient } from "@tanstack/react-query";
import { accessRequestKeys } from "@/lib/query/access-requests/keys";
import { auditKeys } from "@/lib/query/audit/keys";
import { grantKeys } from "@/lib/query/grants/keys";

export async function invalidateAccessRequests(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: accessRequestKeys.all }),
    queryClient.invalidateQueries({ queryKey: grantKeys.all }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}
