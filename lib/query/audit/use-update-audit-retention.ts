// Changes audit retention and the anchoring interval (PATCH /api/v1/audit/integrity/retention; admins).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAuditRetentionPatch, TAuditRetentionSettings } from "@/lib/audit/retention/settings-schema";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { settingsKeys } from "@/lib/query/identities/keys";

export function useUpdateAuditRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: TAuditRetentionPatch) => apiFetch<TAuditRetentionSettings>("/api/v1/audit/integrity/retention", { method: "PATCH", body: patch }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: auditKeys.all }), queryClient.invalidateQueries({ queryKey: settingsKeys.all })]),
  });
}
