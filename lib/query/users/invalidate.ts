// After a user changes: refresh user lists and the audit log (every change is audited).
import type { QueryClient } from "@tanstack/react-query";
import { auditKeys } from "@/lib/query/audit/keys";
import { userKeys } from "@/lib/query/users/keys";

export async function invalidateUsers(queryClient: QueryClient): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: userKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
}
