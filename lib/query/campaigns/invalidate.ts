// After a campaign changes: refresh every campaign view, the audit log (every
// change is audited) and, once items exist, the reviewers' inboxes.
import type { QueryClient } from "@tanstack/react-query";
import { auditKeys } from "@/lib/query/audit/keys";
import { campaignKeys } from "@/lib/query/campaigns/keys";
import { reviewKeys } from "@/lib/query/reviews/keys";

export async function invalidateCampaigns(queryClient: QueryClient): Promise<void> {
  await Promise.all([queryClient.invalidateQueries({ queryKey: campaignKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all }), queryClient.invalidateQueries({ queryKey: reviewKeys.all })]);
}
