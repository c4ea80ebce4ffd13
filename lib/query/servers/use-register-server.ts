// Registers an MCP server (POST /api/v1/servers).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TRegisterServerInput, TServer } from "@/lib/identities/servers/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { auditKeys } from "@/lib/query/audit/keys";
import { serverKeys } from "@/lib/query/servers/keys";

export function useRegisterServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TRegisterServerInput) => apiFetch<TServer>("/api/v1/servers", { method: "POST", body: input }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: serverKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
    },
  });
}
