// Changes settings (PATCH /api/v1/settings; admins). The change is audited.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { settingsKeys } from "@/lib/query/identities/keys";
import type { Settings } from "@/lib/settings/defaults";

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => apiFetch<Settings>("/api/v1/settings", { method: "PATCH", body: patch }),
    onSuccess: async (settings) => {
      queryClient.setQueryData(settingsKeys.all, settings);
      await Promise.all([queryClient.invalidateQueries({ queryKey: settingsKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
    },
  });
}
