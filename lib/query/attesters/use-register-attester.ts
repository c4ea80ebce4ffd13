// Trusts a new attester (POST /api/v1/attesters).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TAttester, TRegisterAttesterInput } from "@/lib/attesters/schemas";
import { apiFetch } from "@/lib/query/api-fetch";
import { attesterKeys } from "@/lib/query/attesters/keys";

export function useRegisterAttester() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TRegisterAttesterInput) => apiFetch<TAttester>("/api/v1/attesters", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: attesterKeys.all }),
  });
}
