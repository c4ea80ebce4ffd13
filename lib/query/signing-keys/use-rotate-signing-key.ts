// Rotates Warden's signing key (POST /api/v1/signing-keys/rotate).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { signingKeyKeys } from "@/lib/query/signing-keys/keys";

export function useRotateSigningKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (alg: "ES256" | "EdDSA" | "PS256") => apiFetch<{ active: string; retiring: string | null; next: string }>("/api/v1/signing-keys/rotate", { method: "POST", body: { alg } }),
    onSuccess: () => client.invalidateQueries({ queryKey: signingKeyKeys.all }),
  });
}
