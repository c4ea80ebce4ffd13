// Warden's signing keys (GET /api/v1/signing-keys).
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api-fetch";
import { signingKeyKeys } from "@/lib/query/signing-keys/keys";

export type SigningKeyRow = { kid: string; alg: string; status: "next" | "active" | "retiring" | "retired"; published: boolean; createdAt: string; activatedAt: string | null; retiringAt: string | null; publishUntil: string | null };

export function useSigningKeys() {
  return useQuery({ queryKey: signingKeyKeys.list(), queryFn: ({ signal }) => apiFetch<{ items: SigningKeyRow[] }>("/api/v1/signing-keys", { signal }) });
}
