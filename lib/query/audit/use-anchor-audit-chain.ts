// Signs the audit chain's head now (POST /api/v1/audit/anchors; admins).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAuditAnchor } from "@/lib/audit/integrity/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";

export function useAnchorAuditChain() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<TAuditAnchor>("/api/v1/audit/anchors", { method: "POST" }),
    // the anchor announces itself with an audit event
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
