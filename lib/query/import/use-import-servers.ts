// Imports the documents, all or nothing (POST /api/v1/servers/import). The
// import creates and changes servers and audits it: identity lists, details
// and the audit log are refreshed.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TImportPlan, TImportServersInput } from "@/lib/identities/import/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { invalidateIdentities } from "@/lib/query/identities/invalidate";

export function useImportServers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TImportServersInput) => apiFetch<TImportPlan>("/api/v1/servers/import", { method: "POST", body: input }),
    onSuccess: () => invalidateIdentities(queryClient),
  });
}
