// What an import would do, document by document (POST /api/v1/servers/import/preview).
// A mutation, not a query: the body can be large and the answer is only
// meaningful for the documents as they were when previewed.
import { useMutation } from "@tanstack/react-query";
import type { TImportPlan, TImportServersInput } from "@/lib/identities/import/schemas";
import { apiFetch } from "@/lib/query/api-fetch";

export function usePreviewImport() {
  return useMutation({
    mutationFn: (input: TImportServersInput) => apiFetch<TImportPlan>("/api/v1/servers/import/preview", { method: "POST", body: input }),
  });
}
